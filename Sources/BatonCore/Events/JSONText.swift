/// Writes flat JSON objects of text values, as event payloads are stored: keys sorted, strings escaped as RFC 8259
/// requires. Hand-written because it runs for every event and Foundation's serialiser costs tens of microseconds.
public enum JSONText {
    /// `{"a":"1","b":"x\"y"}` with the keys in order.
    public static func object(_ fields: [String: String]) -> String {
        var text = "{"
        for (index, field) in fields.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { text += "," }
            appendString(field.key, to: &text)
            text += ":"
            appendString(field.value, to: &text)
        }
        return text + "}"
    }

    /// Appends `value` as a JSON string literal.
    public static func appendString(_ value: String, to text: inout String) {
        text += "\""
        guard value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else {
            text += value
            text += "\""
            return
        }
        var plainStart = value.unicodeScalars.startIndex
        var index = plainStart
        let scalars = value.unicodeScalars
        while index != scalars.endIndex {
            let scalar = scalars[index]
            if let escaped = escape(scalar) {
                text.unicodeScalars.append(contentsOf: scalars[plainStart..<index])
                text += escaped
                plainStart = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        text.unicodeScalars.append(contentsOf: scalars[plainStart..<scalars.endIndex])
        text += "\""
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case "\"": "\\\""
        case "\\": "\\\\"
        case "\n": "\\n"
        case "\r": "\\r"
        case "\t": "\\t"
        case _ where scalar.value < 0x20:
            "\\u00" + String(scalar.value >> 4, radix: 16) + String(scalar.value & 0xF, radix: 16)
        default: nil
        }
    }
}
