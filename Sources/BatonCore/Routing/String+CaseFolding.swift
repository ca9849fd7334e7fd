extension String {
    /// Equal ignoring case: "de" matches "DE". Byte by byte for ASCII, without allocating (routing tests hundreds of
    /// values per lead); text with other letters compares its lowercased forms.
    func equalsIgnoringCase(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else {
            return !(isASCII && other.isASCII) && lowercased() == other.lowercased()
        }
        for (mine, theirs) in zip(utf8, other.utf8) where mine != theirs {
            guard mine < 0x80, theirs < 0x80 else { return lowercased() == other.lowercased() }
            guard mine | 0x20 == theirs | 0x20, (0x61...0x7A).contains(mine | 0x20) else { return false }
        }
        return true
    }
}

extension StringProtocol {
    /// ASCII throughout: such text (nearly every address, title and code a lead carries) may be read byte by byte.
    var isASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }
}
