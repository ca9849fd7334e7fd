import BatonCore
import Foundation
import Testing

@Suite("Event payload JSON")
struct JSONTextTests {
    @Test("payloads are valid JSON with sorted keys, whatever the text holds")
    func escapes() throws {
        let payload = [
            "quote": "say \"hi\"", "backslash": #"C:\temp\new"#, "lines": "one\ntwo\r\tthree", "control": "bell\u{07}null\u{00}",
            "unicode": "Zoë 🚀 日本", "slash": "a/b", "": "empty key",
        ]
        let text = JSONText.object(payload)
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
        #expect(decoded == payload)
        #expect(text.hasPrefix(#"{"":"empty key","backslash":"C:\\temp\\new","control":"bell\u0007null\u0000","lines":"one\ntwo\r\tthree""#))
        #expect(JSONText.object([:]) == "{}")
    }
}
