import BatonCore
import Foundation
import Yams

/// A policy read from a file and found valid, with the text it came from.
public struct LoadedPolicy: Sendable, Equatable {
    public var policy: Policy
    /// The exact text of the file, stored with each policy version.
    public var source: String
    /// The name the file was read from, used in messages.
    public var file: String
    /// Allowed but probably unintended, e.g. a lead model under which a lead can end up unrouted.
    public var warnings: [PolicyProblem] = []
}

/// Reads and validates policy files. The one entry point of this module.
public enum PolicyLoader {
    /// Reads the file at `path`; throws `PolicyInvalid` listing every problem when it cannot be used.
    public static func load(contentsOf path: String) throws(PolicyInvalid) -> LoadedPolicy {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PolicyInvalid(problems: [PolicyProblem(file: path, line: 1, column: 1, message: "cannot read the file")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PolicyInvalid(problems: [PolicyProblem(file: path, line: 1, column: 1, message: "the file is not UTF-8 text")])
        }
        return try parse(text, file: path)
    }

    /// Reads policy YAML held in memory; `file` names it in messages.
    public static func parse(_ text: String, file: String) throws(PolicyInvalid) -> LoadedPolicy {
        let log = ProblemLog(file: file)
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else {
                throw PolicyInvalid(problems: [PolicyProblem(file: file, line: 1, column: 1, message: "the file is empty; expected a policy")])
            }
            root = composed
        } catch let error as PolicyInvalid {
            throw error
        } catch {
            throw PolicyInvalid(problems: [syntaxProblem(error, file: file)])
        }
        let policy = PolicyReader(log: log).read(root)
        if let policy { PolicyValidator(policy: policy, log: log).validate() }
        guard let policy, log.problems.isEmpty else { throw PolicyInvalid(problems: log.sorted) }
        return LoadedPolicy(policy: policy, source: text, file: file, warnings: log.warnings)
    }

    private static func syntaxProblem(_ error: any Error, file: String) -> PolicyProblem {
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            return PolicyProblem(file: file, line: mark.line, column: mark.column, message: "not valid YAML: \(detail)")
        default:
            return PolicyProblem(file: file, line: 1, column: 1, message: "not valid YAML: \(error)")
        }
    }
}
