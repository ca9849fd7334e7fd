/// Small helpers for drawing SVG on the server. Every piece of text passes through `escape`.
enum SVG {
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// `text` cut to `limit` characters with an ellipsis.
    static func clip(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// Splits `text` into lines of at most `width` characters at spaces, at most `lines` lines.
    static func wrap(_ text: String, width: Int, lines: Int) -> [String] {
        var result: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                result.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { result.append(current) }
        if result.count > lines {
            result = Array(result.prefix(lines))
            result[lines - 1] = clip(result[lines - 1] + "…", width)
        }
        return result.map { clip($0, width) }
    }

    static func text(_ content: String, x: Int, y: Int, className: String, anchor: String = "start") -> String {
        "<text x=\"\(x)\" y=\"\(y)\" class=\"\(className)\" text-anchor=\"\(anchor)\">\(escape(content))</text>"
    }

    static let arrowMarker = """
        <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">\
        <path d="M0,0 L10,5 L0,10 z" class="svg-arrowhead"/></marker></defs>
        """
}
