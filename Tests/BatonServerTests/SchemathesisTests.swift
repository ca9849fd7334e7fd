import BatonCore
import BatonServer
import BatonTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// The schemathesis command: `SCHEMATHESIS`, else the first on PATH; nil when it is not installed.
let schemathesisPath: String? = {
    if let path = ProcessInfo.processInfo.environment["SCHEMATHESIS"] { return path }
    let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
    return directories.map { "\($0)/schemathesis" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}()

/// schemathesis (`pip install schemathesis`) runs every check it has against the live server, generating a bounded
/// number of requests per operation of the API from the OpenAPI document the server serves. CI installs it.
@Suite("The OpenAPI document holds against the server", .enabled(if: schemathesisPath != nil, "needs schemathesis (pip install schemathesis)"))
struct SchemathesisTests {
    @Test("schemathesis run --checks all finds no failure")
    func schemathesis() async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        try await seedLead(store, clock: clock)
        let token = try await TokenIssuer(store: store, clock: clock)
            .issue(name: "schemathesis", accountEmail: "rhea@northwind.example", scopes: APIScope.allCases, actor: "test").secret
        let built = try await buildApplication(configuration, store: store, clock: clock)
        let settings = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../scripts/schemathesis.toml").standardized.path
        try await built.application.test(.live) { client in
            let output = temporaryDirectory() + "/schemathesis.log"
            _ = FileManager.default.createFile(atPath: output, contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try #require(schemathesisPath))
            // The token revocation route would revoke the token the run uses, so it stays out of the random walk.
            process.arguments = [
                "--config-file", settings, "run", "http://127.0.0.1:\(try #require(client.port))/api/openapi.json",
                "--checks", "all", "--max-examples", "25", "--seed", "2026", "--generation-deterministic", "--workers", "1",
                "--include-path-regex", "^/api/", "--exclude-path", "/api/v1/tokens/{id}",
                "--suppress-health-check", "all", "--request-timeout", "20", "--no-color",
            ]
            process.environment = ProcessInfo.processInfo.environment.merging(["BATON_TOKEN": token]) { $1 }
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
            process.standardError = process.standardOutput
            let status: Int32 = await withCheckedContinuation { done in
                process.terminationHandler = { done.resume(returning: $0.terminationStatus) }
                do { try process.run() } catch { done.resume(returning: -1) }
            }
            let report = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            #expect(status == 0, "schemathesis failed:\n\(report.suffix(6000))")
            #expect(report.contains(" passed"), "\(report.suffix(2000))")
        }
    }
}
