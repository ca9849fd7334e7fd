/// One field of the metadata taxonomy (C2): campaign ID, funnel stage, region…
///
/// A field either has a closed list of `values` (rendered as a dropdown) or a `pattern` its values must match.
public struct TaxonomyField: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var label: String
    public var values: [String]
    public var pattern: String?
    public var example: String?

    public init(id: String, label: String, values: [String] = [], pattern: String? = nil, example: String? = nil) {
        self.id = id
        self.label = label
        self.values = values
        self.pattern = pattern
        self.example = example
    }
}

/// A naming convention (C3) such as `{campaign_id}_{channel}_{asset}_v{version}_{date}`.
///
/// Each `{token}` is a taxonomy field or one of the built-in tokens `asset`, `version` and `date`.
public struct NamingConvention: Sendable, Equatable, Codable, Identifiable {
    public static let builtInTokens: Set<String> = ["asset", "version", "date"]

    public var id: String
    public var label: String
    public var pattern: String
    public var example: String?

    public init(id: String, label: String, pattern: String, example: String? = nil) {
        self.id = id
        self.label = label
        self.pattern = pattern
        self.example = example
    }

    /// One piece of the pattern: literal text, or a `{token}`.
    public enum Part: Sendable, Equatable {
        case literal(String)
        case token(String)
    }

    /// The pattern as literal text and tokens, in order; an unclosed `{` is literal text.
    public var parts: [Part] {
        var result: [Part] = []
        var literal = ""
        var token: String?
        for character in pattern {
            if character == "{", token == nil {
                token = ""
            } else if character == "}", let current = token {
                if !literal.isEmpty { result.append(.literal(literal)) }
                result.append(.token(current))
                literal = ""
                token = nil
            } else if token != nil {
                token!.append(character)
            } else {
                literal.append(character)
            }
        }
        if let token { literal += "{" + token }
        if !literal.isEmpty { result.append(.literal(literal)) }
        return result
    }

    /// The `{tokens}` named in the pattern, in order.
    public var tokens: [String] {
        parts.compactMap { if case .token(let token) = $0 { token } else { nil } }
    }
}
