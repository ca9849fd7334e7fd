import Foundation

extension String {
    /// Without leading and trailing white space and line breaks. Text that starts and ends with a visible ASCII
    /// character (nearly every field value) is returned as it is, without the cost of Foundation's character sets.
    public var trimmedWhitespace: String {
        guard let first = utf8.first, let last = utf8.last, Self.isVisibleASCII(first), Self.isVisibleASCII(last) else {
            return trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return self
    }

    /// Without leading and trailing spaces and tabs (as pasted into forms); line breaks stay, to be refused.
    var trimmingSpaces: String {
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let first = utf8.first, let last = utf8.last, blank(first) || blank(last) else { return self }
        let bytes = utf8.drop(while: blank)
        guard let lastKept = bytes.lastIndex(where: { !blank($0) }) else { return "" }
        return String(self[bytes.startIndex...lastKept])
    }

    private static func isVisibleASCII(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
}
