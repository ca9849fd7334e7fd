import Foundation

/// Keys that databases index (idempotency keys, duplicate keys) kept short enough for any index: a key longer than
/// `limit` bytes becomes its first 100 characters and a 128-bit digest of the whole (two FNV-1a hashes), so equal
/// keys stay equal and a sender's 60,000-character header cannot break an index.
public enum BoundedKey {
    public static let limit = 200

    public static func of(_ key: String) -> String {
        guard key.utf8.count > limit else { return key }
        return String(key.prefix(100)) + "#" + hex(fnv1a(key.utf8, basis: 0xcbf2_9ce4_8422_2325)) + hex(fnv1a(key.utf8.reversed(), basis: 0x8422_2325_cbf2_9ce4))
    }

    private static func fnv1a(_ bytes: some Sequence<UInt8>, basis: UInt64) -> UInt64 {
        bytes.reduce(basis) { hash, byte in (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
