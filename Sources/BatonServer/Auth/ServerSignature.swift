import Crypto
import Foundation

/// Signs short texts with a key made when the process starts, so the server can tell what it issued itself: the
/// pre-sign-in form tokens and the messages a page shows after a redirect. A restart makes old signatures invalid,
/// which only means reloading a form or losing a message.
enum ServerSignature {
    private static let key = SymmetricKey(size: .bits256)

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
