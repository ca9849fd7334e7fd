// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "baton",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "baton", targets: ["baton"]),
        .library(name: "BatonCore", targets: ["BatonCore"]),
        .library(name: "BatonPolicy", targets: ["BatonPolicy"]),
        .library(name: "BatonStore", targets: ["BatonStore"]),
        .library(name: "BatonServer", targets: ["BatonServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .target(name: "BatonCore", swiftSettings: strict),
        .target(
            name: "BatonPolicy",
            dependencies: ["BatonCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .target(
            name: "BatonStore",
            dependencies: [
                "BatonCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "BatonStoreConformance",
            dependencies: ["BatonStore", "BatonCore"],
            swiftSettings: strict
        ),
        .target(
            name: "BatonServer",
            dependencies: [
                "BatonCore", "BatonPolicy", "BatonStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "baton",
            dependencies: [
                "BatonCore", "BatonPolicy", "BatonStore", "BatonServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "BatonTestSupport",
            dependencies: [
                "BatonCore", "BatonPolicy", "BatonStore", "BatonServer",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Tests/BatonTestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "BatonCoreTests", dependencies: ["BatonCore", "BatonTestSupport"],
            exclude: ["Fixtures"],  // the is_email suite, read from its path by EmailAddressTests
            swiftSettings: strict),
        .testTarget(name: "BatonPolicyTests", dependencies: ["BatonPolicy", "BatonTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "BatonStoreTests",
            dependencies: ["BatonStore", "BatonStoreConformance", "BatonTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BatonServerTests",
            dependencies: [
                "BatonServer", "BatonTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),  // to make the database fail on purpose
            ],
            swiftSettings: strict
        ),
    ]
)
