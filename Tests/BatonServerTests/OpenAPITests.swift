import BatonServer
import BatonTestSupport
import Foundation
import HummingbirdTesting
import Testing

@Suite("OpenAPI document")
struct OpenAPITests {
    @Test("every route is documented and every documented path is routed")
    func matchesRoutes() async throws {
        let configuration = testConfiguration()
        let built = try await buildApplication(configuration, store: try await configuration.database.open(), clock: ManualClock())
        try await built.application.test(.router) { client in
            let response = try await client.execute(uri: "/api/openapi.json", method: .get)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
            let routed = Set(built.routes.map { "\($0.method.rawValue) \($0.path)" })
            #expect(routed.subtracting(documented).isEmpty, "routed but not documented: \(routed.subtracting(documented).sorted())")
            #expect(documented.subtracting(routed).isEmpty, "documented but not routed: \(documented.subtracting(routed).sorted())")
        }
    }
}

import BatonStore
