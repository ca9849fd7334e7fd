import BatonStore
import Crypto
import Foundation
import Synchronization

/// Signs short texts so the server can tell what it issued itself: the pre-sign-in form tokens and the messages a
/// page shows after a redirect. The key is kept in the database (`adopt`, at start), so that every instance on one
/// database accepts what another signed: a login form shown by one can be posted to the other.
enum ServerSignature {
    /// The database's key once adopted; until then (tools that serve nothing) one made for this process.
    private static let current = Mutex(SymmetricKey(size: .bits256))
    private static let adopted = Mutex(false)

    /// Uses the key stored in `store`, storing this process's when there is none yet. The first server of a process
    /// decides (tests run several servers in one process; each process serves one database in production).
    static func adopt(from store: any SharedSecretStore) async throws {
        let proposed = current.withLock { key in key.withUnsafeBytes { Data($0).base64EncodedString() } }
        let stored = try await store.sharedSecret(name: "form-signing-key", proposed: proposed)
        guard let data = Data(base64Encoded: stored), data.count == 32 else { return }
        adopted.withLock { done in
            guard !done else { return }
            done = true
            current.withLock { $0 = SymmetricKey(data: data) }
        }
    }

    private static var key: SymmetricKey { current.withLock { $0 } }

    /// `text` signed: "text.signature".
    static func sign(_ text: String) -> String { "\(text).\(signature(text))" }

    /// The text of a signed value, or nil when the signature is not the server's.
    static func verified(_ signed: String) -> String? {
        guard let dot = signed.lastIndex(of: ".") else { return nil }
        let text = String(signed[..<dot])
        return Secrets.equal(String(signed[signed.index(after: dot)...]), signature(text)) ? text : nil
    }

    private static func signature(_ text: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
