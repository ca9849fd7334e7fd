/// One binary quality check (B1): it passes or it fails, never "looks good".
public struct Check: Sendable, Equatable, Codable {
    /// What a check tests. Each kind reads one field of the item (or names an artifact or a library group).
    public enum Kind: Sendable, Equatable, Codable {
        /// The field has a non-empty value.
        case present(field: String)
        /// The field's text length lies in a range.
        case length(field: String, min: Int?, max: Int?)
        /// The field's number lies in a range.
        case number(field: String, min: Double?, max: Double?)
        /// The field's text matches a regular expression.
        case pattern(field: String, regex: String)
        /// The field's value is one of a list.
        case oneOf(field: String, values: [String])
        /// The field holds at least `count` items.
        case minItems(field: String, count: Int)
        /// A box ticked, with the sign-off of a person holding `signOff` when given.
        case checkbox(field: String, signOff: String?)
        /// A linked artifact (a file or URL) is attached.
        case artifact(name: String)
        /// Every check of a named library group (B2).
        case group(id: String)

        /// The policy-file name of the kind: "present", "min_items"…
        public var name: String {
            switch self {
            case .present: "present"
            case .length: "length"
            case .number: "number"
            case .pattern: "pattern"
            case .oneOf: "one_of"
            case .minItems: "min_items"
            case .checkbox: "checkbox"
            case .artifact: "artifact"
            case .group: "use"
            }
        }

        /// The item field the check reads, if it reads one.
        public var field: String? {
            switch self {
            case .present(let field), .length(let field, _, _), .number(let field, _, _), .pattern(let field, _),
                .oneOf(let field, _), .minItems(let field, _), .checkbox(let field, _):
                field
            case .artifact, .group: nil
            }
        }
    }

    /// The check kinds a policy file may name.
    public static let kindNames = ["present", "length", "number", "pattern", "one_of", "min_items", "checkbox", "artifact", "use"]

    public var kind: Kind
    /// What the check means to people, e.g. "Primary keyword in the title".
    public var label: String

    public init(_ kind: Kind, label: String) {
        self.kind = kind
        self.label = label
    }
}

/// A named, reusable set of checks (B2), e.g. "SEO-ready".
public struct CheckGroup: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var label: String
    public var checks: [Check]

    public init(id: String, label: String, checks: [Check]) {
        self.id = id
        self.label = label
        self.checks = checks
    }
}

extension Policy {
    /// The checks with every library group (B2) replaced by its checks, recursively; an unknown group adds nothing.
    public func expanded(_ checks: [Check]) -> [Check] {
        checks.flatMap { check -> [Check] in
            if case .group(let id) = check.kind { return expanded(checkGroup(id)?.checks ?? []) }
            return [check]
        }
    }

    /// Whether any of the checks (groups expanded) reads `field`.
    public func reads(_ checks: [Check], field: String) -> Bool {
        expanded(checks).contains { $0.kind.field == field }
    }
}
