/// Collects the problems found while reading and validating one policy file, in file order.
final class ProblemLog {
    let file: String
    private(set) var problems: [PolicyProblem] = []
    /// Things that are allowed but probably not meant, e.g. leads that can end up unrouted.
    private(set) var warnings: [PolicyProblem] = []
    var sourceMap = PolicySourceMap()

    init(file: String) { self.file = file }

    func add(_ message: String, at position: PolicySourceMap.Position) {
        problems.append(PolicyProblem(file: file, line: position.line, column: position.column, message: message))
    }

    func add(_ message: String, atPath path: String) { add(message, at: sourceMap.position(of: path)) }

    func warn(_ message: String, atPath path: String) {
        let position = sourceMap.position(of: path)
        warnings.append(PolicyProblem(file: file, line: position.line, column: position.column, message: "warning: \(message)"))
    }

    /// Problems ordered by position, so that a person can fix the file from top to bottom.
    var sorted: [PolicyProblem] {
        problems.enumerated().sorted { lhs, rhs in
            (lhs.element.line, lhs.element.column, lhs.offset) < (rhs.element.line, rhs.element.column, rhs.offset)
        }.map(\.element)
    }
}
