import Foundation

/// Names work items by the policy's naming convention (C3) and checks names given by hand against it.
public struct AssetName: Sendable {
    public let convention: NamingConvention
    public let policy: Policy

    /// The first naming convention of the policy, if it has one.
    public init?(policy: Policy) {
        guard let convention = policy.naming.first else { return nil }
        self.convention = convention
        self.policy = policy
    }

    /// The name of an item: each token from the brief (a taxonomy field, or the first value of a brief field that
    /// takes its values from that taxonomy field), `asset` the asset type, `version` 1, `date` the deadline date.
    public func generate(asset: AssetType, fields: [String: String], version: Int = 1, date: String) -> String {
        convention.parts.map { part in
            switch part {
            case .literal(let text): text
            case .token(let token): value(of: token, asset: asset, fields: fields, version: version, date: date)
            }
        }.joined()
    }

    /// Why a hand-written name breaks the convention, or nil when it follows it.
    public func problem(with name: String) -> String? {
        guard name.range(of: regex, options: .regularExpression) == nil else { return nil }
        let example = convention.example.map { ", e.g. \($0)" } ?? ""
        return "'\(name)' does not follow the naming convention \(convention.pattern)\(example)"
    }

    /// The convention as an anchored regular expression.
    public var regex: String {
        "^" + convention.parts.map { part in
            switch part {
            case .literal(let text): NSRegularExpression.escapedPattern(for: text)
            case .token(let token): "(" + tokenPattern(token) + ")"
            }
        }.joined() + "$"
    }

    private func tokenPattern(_ token: String) -> String {
        switch token {
        case "asset": return "[a-z0-9-]+"
        case "version": return "[0-9]+"
        case "date": return "[0-9]{4}-[0-9]{2}-[0-9]{2}"
        default:
            guard let field = policy.taxonomyField(token) else { return "[^_]+" }
            if let pattern = field.pattern {
                var inner = pattern
                if inner.hasPrefix("^") { inner.removeFirst() }
                if inner.hasSuffix("$") { inner.removeLast() }
                return inner
            }
            return field.values.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|")
        }
    }

    private func value(of token: String, asset: AssetType, fields: [String: String], version: Int, date: String) -> String {
        switch token {
        case "asset": return asset.id
        case "version": return String(version)
        case "date": return date
        default:
            if let value = fields[token].flatMap({ BriefValidator.items($0).first }) { return value }
            let source = asset.brief.first { $0.taxonomy == token }
            return source.flatMap { fields[$0.id] }.flatMap { BriefValidator.items($0).first } ?? "none"
        }
    }
}
