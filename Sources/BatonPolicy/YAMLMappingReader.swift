import BatonCore
import Yams

/// Reads one YAML mapping of a policy file, recording where each value sits and every problem found.
///
/// Reading never stops at a problem: a missing or malformed value is reported and read as `nil`, so that
/// `baton policy check` can list every mistake of a file at once.
final class YAMLMappingReader {
    let path: String
    /// What this mapping is, for messages: "team", "handoff H3".
    let subject: String
    private let mapping: Node.Mapping
    private let log: ProblemLog
    private var used: Set<String> = []

    /// Opens `node` as a mapping; reports and returns nil when it is something else.
    init?(_ node: Node, path: String, subject: String, log: ProblemLog) {
        self.path = path
        self.subject = subject
        self.log = log
        guard let mapping = node.mapping else {
            log.add("\(subject) must be a mapping of keys to values, found \(node.kindName)", at: node.position)
            return nil
        }
        self.mapping = mapping
        log.sourceMap.record(path, node.position)
        var seen: Set<String> = []
        for (key, _) in mapping {
            let name = key.string ?? ""
            if !seen.insert(name).inserted {
                log.add("key '\(name)' appears twice in \(subject)", at: key.position)
            }
        }
    }

    var position: PolicySourceMap.Position { log.sourceMap.position(of: path) }

    func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The raw node under `key`, recording its position; reports a missing key when `required`.
    func node(_ key: String, required: Bool) -> Node? {
        used.insert(key)
        guard let value = mapping[key], !value.isNull else {
            if required { log.add("\(subject) is missing '\(key)'", at: position) }
            return nil
        }
        log.sourceMap.record(childPath(key), value.position)
        return value
    }

    func string(_ key: String, required: Bool = true) -> String? {
        guard let value = node(key, required: required) else { return nil }
        return scalar(value, path: childPath(key), expected: "a text value for '\(key)' in \(subject)")
    }

    /// A list of texts; a single text is read as a list of one.
    func strings(_ key: String, required: Bool = false) -> [String] {
        guard let value = node(key, required: required) else { return [] }
        if value.scalar != nil {
            return scalar(value, path: childPath(key) + "[0]", expected: "").map { [$0] } ?? []
        }
        guard value.sequence != nil else {
            log.add("'\(key)' in \(subject) must be a list, found \(value.kindName)", at: value.position)
            return []
        }
        return value.array().enumerated().compactMap { index, element in
            scalar(element, path: "\(childPath(key))[\(index)]", expected: "a text item in '\(key)' of \(subject)")
        }
    }

    func bool(_ key: String, default fallback: Bool) -> Bool {
        guard let value = node(key, required: false) else { return fallback }
        guard let result = value.bool else {
            log.add("'\(key)' in \(subject) must be true or false, found '\(value.string ?? value.kindName)'", at: value.position)
            return fallback
        }
        return result
    }

    func int(_ key: String, required: Bool = false) -> Int? {
        guard let value = node(key, required: required) else { return nil }
        guard let result = value.int else {
            log.add("'\(key)' in \(subject) must be a whole number, found '\(value.string ?? value.kindName)'", at: value.position)
            return nil
        }
        return result
    }

    func double(_ key: String) -> Double? {
        guard let value = node(key, required: false) else { return nil }
        guard let result = value.float ?? value.int.map(Double.init) else {
            log.add("'\(key)' in \(subject) must be a number, found '\(value.string ?? value.kindName)'", at: value.position)
            return nil
        }
        return result
    }

    func duration(_ key: String, required: Bool = true) -> BusinessDuration? {
        guard let text = string(key, required: required) else { return nil }
        guard let duration = BusinessDuration(parsing: text) else {
            log.add(
                "'\(key)' in \(subject) is not a duration: expected a number of business minutes, hours or days such as 30m, 4h or 2d, found '\(text)'",
                atPath: childPath(key))
            return nil
        }
        return duration
    }

    /// A value from a closed list, reported with the list when it is something else.
    func choice<T: RawRepresentable>(_ key: String, of type: T.Type, allowed: [T], required: Bool = true, default fallback: T? = nil)
        -> T? where T.RawValue == String
    {
        guard let text = string(key, required: required && fallback == nil) else { return fallback }
        guard let value = T(rawValue: text) else {
            log.add(
                "'\(key)' in \(subject) is '\(text)'; expected one of: \(allowed.map(\.rawValue).joined(separator: ", "))",
                atPath: childPath(key))
            return fallback
        }
        return value
    }

    /// Reads each element of a list under `key` with `read`, passing its path.
    func list<T>(_ key: String, required: Bool = false, _ read: (Node, String) -> T?) -> [T] {
        guard let value = node(key, required: required) else { return [] }
        guard value.sequence != nil else {
            log.add("'\(key)' in \(subject) must be a list, found \(value.kindName)", at: value.position)
            return []
        }
        return value.array().enumerated().compactMap { index, element in
            let elementPath = "\(childPath(key))[\(index)]"
            log.sourceMap.record(elementPath, element.position)
            return read(element, elementPath)
        }
    }

    /// Opens the mapping under `key`.
    func mapping(_ key: String, subject: String, required: Bool) -> YAMLMappingReader? {
        guard let value = node(key, required: required) else { return nil }
        return YAMLMappingReader(value, path: childPath(key), subject: subject, log: log)
    }

    /// The keys actually written, for mappings whose keys are data (working hours by day).
    var pairs: [Entry] {
        mapping.map { Entry(key: $0.key.string ?? "", keyPosition: $0.key.position, value: $0.value) }
    }

    /// One key of a mapping whose keys are data, with where the key was written.
    struct Entry {
        let key: String
        let keyPosition: PolicySourceMap.Position
        let value: Node
    }

    /// Marks every written key as read, for mappings whose keys are data.
    func acceptAllKeys() { used.formUnion(pairs.map(\.key)) }

    /// Reports keys that were written but not read: almost always a typo.
    func finish() {
        for (key, _) in mapping {
            let name = key.string ?? ""
            if !used.contains(name) {
                log.add(
                    "unknown key '\(name)' in \(subject); expected one of: \(used.sorted().joined(separator: ", "))",
                    at: key.position)
            }
        }
    }

    private func scalar(_ node: Node, path: String, expected: String) -> String? {
        log.sourceMap.record(path, node.position)
        guard let scalar = node.scalar else {
            log.add("expected \(expected), found \(node.kindName)", at: node.position)
            return nil
        }
        return scalar.string
    }
}

extension Node {
    var position: PolicySourceMap.Position {
        let mark = self.mark
        return PolicySourceMap.Position(line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    var isNull: Bool { null != nil }

    /// "a list", "a mapping", "a text value": for messages.
    var kindName: String {
        switch self {
        case .scalar: "a single value"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
