import Foundation

/// A fresh folder under the system's temporary directory, for database files and policy files in tests.
public func temporaryDirectory() -> String {
    let path = NSTemporaryDirectory() + "baton-tests-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The repository's root folder, found from this source file.
public let repositoryRoot: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// The example policy shipped in `examples/policy.yaml`.
public var examplePolicyPath: String { repositoryRoot + "/examples/policy.yaml" }
