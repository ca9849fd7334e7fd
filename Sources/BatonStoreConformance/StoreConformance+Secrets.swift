import BatonStore
import Foundation

extension StoreConformance {
    static let secretCases: [Case] = [
        Case(name: "a shared secret is the first proposal, whoever asks later") { store in
            let first = try await store.sharedSecret(name: "form-signing-key", proposed: "aaa")
            let second = try await store.sharedSecret(name: "form-signing-key", proposed: "bbb")
            try expect(first == "aaa" && second == "aaa", "found \(first) and \(second)")
            try expect(try await store.sharedSecret(name: "other", proposed: "ccc") == "ccc", "each name has its own")
        },
    ]
}
