import Crypto
import Foundation

/// SHA-256 in lowercase hex: the content hash of policy versions and the stored form of every secret.
public enum ContentHash {
    public static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }

    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
