import Foundation

/// The outcome of one binary check on one item, with the reason a person can read (X3).
public struct CheckResult: Sendable, Equatable, Codable {
    public var label: String
    public var passed: Bool
    /// Why it passed or failed: "job_title is empty", "campaign_id matches ^[A-Z]{3}-\d{4}$".
    public var reason: String

    public init(label: String, passed: Bool, reason: String) {
        self.label = label
        self.passed = passed
        self.reason = reason
    }
}

/// Runs checks (B1) against an item's fields. Library groups are expanded; artifacts are named fields too.
///
/// Regular expressions are compiled once, when the evaluator is made, for every `pattern` check of `library` and of
/// `checks`; a pattern met only later is compiled when it is used.
public struct CheckEvaluator: Sendable {
    public let library: [CheckGroup]
    private let compiled: [String: CompiledPattern]

    public init(library: [CheckGroup], checks: [Check] = []) {
        self.library = library
        var compiled: [String: CompiledPattern] = [:]
        for check in checks + library.flatMap(\.checks) {
            if case .pattern(_, let regex) = check.kind, compiled[regex] == nil { compiled[regex] = CompiledPattern(regex) }
        }
        self.compiled = compiled
    }

    /// Evaluates every check; `values` are the item's fields as text, `counts` the sizes of its list fields, and
    /// `signOffs` (field → who signed it off, in words) the sign-offs a `checkbox` check with a role needs.
    /// `silent` leaves every reason empty.
    public func evaluate(
        _ checks: [Check], values: [String: String], counts: [String: Int] = [:], signOffs: [String: String] = [:], wording: Wording = .explained
    ) -> [CheckResult] {
        var results: [CheckResult] = []
        results.reserveCapacity(checks.count)
        for check in checks {
            switch check.kind {
            case .group(let id):
                results += evaluate(library.first { $0.id == id }?.checks ?? [], values: values, counts: counts, signOffs: signOffs, wording: wording)
            case .checkbox(let field, let role?):
                let signed = signOffs[field]
                results.append(CheckResult(
                    label: check.label, passed: signed != nil,
                    reason: wording.say(signed.map { "\(field) is signed off by \($0)" } ?? "\(field) needs the sign-off of a \(role)")))
            default:
                let (passed, reason) = test(check.kind, values: values, counts: counts, wording: wording)
                results.append(CheckResult(label: check.label, passed: passed, reason: reason))
            }
        }
        return results
    }

    private func test(_ kind: Check.Kind, values: [String: String], counts: [String: Int], wording: Wording) -> (Bool, String) {
        func value(_ field: String) -> String? {
            guard let text = values[field]?.trimmedWhitespace, !text.isEmpty else { return nil }
            return text
        }
        switch kind {
        case .present(let field), .artifact(let field):
            return value(field) == nil ? (false, wording.say("\(field) is empty")) : (true, wording.say("\(field) is present"))
        case .length(let field, let min, let max):
            let count = value(field)?.count ?? 0
            if let min, count < min { return (false, wording.say("\(field) has \(count) characters, fewer than \(min)")) }
            if let max, count > max { return (false, wording.say("\(field) has \(count) characters, more than \(max)")) }
            return (true, wording.say("\(field) has \(count) characters"))
        case .number(let field, let min, let max):
            guard let number = value(field).flatMap(Double.init) else { return (false, wording.say("\(field) is not a number")) }
            if let min, number < min { return (false, wording.say("\(field) \(number.compactText) is below \(min.compactText)")) }
            if let max, number > max { return (false, wording.say("\(field) \(number.compactText) is above \(max.compactText)")) }
            return (true, wording.say("\(field) is \(number.compactText)"))
        case .pattern(let field, let regex):
            guard let text = value(field) else { return (false, wording.say("\(field) is empty")) }
            let matches = (compiled[regex] ?? CompiledPattern(regex)).matches(text)
            return (matches, wording.say("\(field) \(matches ? "matches" : "does not match") \(regex)"))
        case .oneOf(let field, let allowed):
            guard let text = value(field) else { return (false, wording.say("\(field) is empty")) }
            return allowed.contains(text) ? (true, wording.say("\(field) is \(text)")) : (false, wording.say("\(field) is \(text), not one of \(allowed.joined(separator: ", "))"))
        case .minItems(let field, let count):
            // A list field holds one item per line, unless the caller counted it.
            let found = counts[field] ?? values[field].map(Self.lineCount) ?? 0
            return (found >= count, wording.say("\(field) has \(found) of at least \(count)"))
        case .checkbox(let field, _):
            let ticked = value(field).map(Self.isTrue) ?? false
            return ticked ? (true, wording.say("\(field) is ticked")) : (false, wording.say("\(field) is not ticked"))
        case .group:
            return (true, "")
        }
    }

    /// Non-blank lines of a text: the items of a list field.
    public static func lineCount(_ text: String) -> Int {
        text.split(whereSeparator: \.isNewline).count { line in line.contains { !$0.isWhitespace } }
    }

    /// "true", "yes", "1", "on", "checked" (any case) count as ticked.
    public static func isTrue(_ text: String) -> Bool {
        ["true", "yes", "y", "1", "on", "checked", "opt-in", "opted in"].contains(text.lowercased())
    }

    /// A no as forms and CRMs write it: "false", "no", "0", "off", "opt-out"…
    public static func isFalse(_ text: String) -> Bool {
        ["false", "no", "n", "0", "off", "unchecked", "opt-out", "opted out"].contains(text.lowercased())
    }
}

/// A regular expression compiled once. `NSRegularExpression` is immutable and safe to share between threads.
struct CompiledPattern: @unchecked Sendable {
    private let expression: NSRegularExpression?
    private let source: String

    init(_ source: String) {
        self.source = source
        expression = try? NSRegularExpression(pattern: source)
    }

    func matches(_ text: String) -> Bool {
        guard let expression else { return text.range(of: source, options: .regularExpression) != nil }
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
