import Foundation

/// A mistake in one field of a brief, with the field it belongs beside.
public struct FieldProblem: Sendable, Equatable, Codable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// Checks a brief against its asset type (C1, C2): required fields, types, closed lists and the taxonomy's patterns.
/// Values are normalised as stored: trimmed, lists one item per line, ticks as "yes" or "no".
public struct BriefValidator: Sendable {
    public let policy: Policy

    public init(policy: Policy) { self.policy = policy }

    /// The normalised values and every problem; a draft skips the required-field check.
    public func check(_ asset: AssetType, values raw: [String: String], draft: Bool = false) -> (values: [String: String], problems: [FieldProblem]) {
        var values: [String: String] = [:]
        var problems: [FieldProblem] = []
        let known = Set(asset.brief.map(\.id))
        for key in raw.keys.sorted() where !known.contains(key) {
            problems.append(FieldProblem(field: key, message: "is not a field of the \(asset.name.lowercased()) brief; expected one of: \(asset.brief.map(\.id).joined(separator: ", "))"))
        }
        for field in asset.brief {
            let items = Self.items(raw[field.id] ?? "")
            guard !items.isEmpty else {
                if field.required && !draft { problems.append(FieldProblem(field: field.id, message: "is required")) }
                continue
            }
            let (value, problem) = normalise(items, field: field)
            if let problem { problems.append(FieldProblem(field: field.id, message: problem)) }
            if let value { values[field.id] = value }
        }
        return (values, problems)
    }

    /// The options a choice offers: its own, or the taxonomy's closed list.
    public func options(_ field: BriefField) -> [String] {
        field.options.isEmpty ? (field.taxonomy.flatMap(policy.taxonomyField)?.values ?? []) : field.options
    }

    /// Non-empty trimmed lines of a value.
    public static func items(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { String($0).trimmedWhitespace }.filter { !$0.isEmpty }
    }

    private func normalise(_ items: [String], field: BriefField) -> (String?, String?) {
        let items = field.type == .multichoice ? items.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } } : items
        let text = items.joined(separator: "\n")
        guard text.count <= WorkWorkflow.longestText else { return (String(text.prefix(WorkWorkflow.longestText)), "holds at most \(WorkWorkflow.longestText) characters") }
        switch field.type {
        case .text, .longtext:
            let single = field.type == .text ? items.joined(separator: " ") : text
            if let taxonomy = field.taxonomy.flatMap(policy.taxonomyField), let pattern = taxonomy.pattern,
               single.range(of: pattern, options: .regularExpression) == nil {
                let example = taxonomy.example.map { ", e.g. \($0)" } ?? ""
                return (single, "'\(single)' does not follow the \(taxonomy.label) pattern \(pattern)\(example)")
            }
            return (single, nil)
        case .list:
            return (text, nil)
        case .number:
            guard items.count == 1, items[0].allSatisfy({ $0.isNumber || ".-+eE".contains($0) }), let number = Double(items[0]), number.isFinite else {
                return (text, "'\(text)' is not a number")
            }
            guard number >= 0 else { return (text, "must be 0 or more, found \(items[0])") }
            return (number.compactText, nil)
        case .date:
            guard items.count == 1, Self.isDate(items[0]) else { return (text, "'\(text)' is not a date; expected YYYY-MM-DD") }
            return (items[0], nil)
        case .url:
            guard items.count == 1, Self.isWebAddress(items[0]) else { return (text, "'\(text)' is not a web address; expected http:// or https://") }
            return (items[0], nil)
        case .checkbox:
            if CheckEvaluator.isTrue(text) { return ("yes", nil) }
            if CheckEvaluator.isFalse(text) { return ("no", field.required ? "must be ticked" : nil) }
            return (text, "'\(text)' is not a yes or no")
        case .choice, .multichoice:
            let allowed = options(field)
            if field.type == .choice, items.count > 1 { return (text, "takes one value, found \(items.count)") }
            if let wrong = items.first(where: { !allowed.contains($0) }) {
                return (text, "'\(wrong)' is not allowed; expected one of: \(allowed.joined(separator: ", "))")
            }
            return (text, nil)
        }
    }

    /// A calendar date written YYYY-MM-DD.
    public static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1900...2199).contains(year), (1...12).contains(month), day >= 1
        else { return false }
        let lengths = [31, year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// An http or https address with a host (artifacts are links, checked for form).
    public static func isWebAddress(_ text: String) -> Bool {
        guard !text.contains(where: \.isWhitespace), let url = URL(string: text), let scheme = url.scheme?.lowercased(),
              ["http", "https"].contains(scheme), let host = url.host, host.contains(".") || host == "localhost"
        else { return false }
        return true
    }
}
