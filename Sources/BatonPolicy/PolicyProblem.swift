/// One mistake in a policy file, with the place it was found and what was expected there.
public struct PolicyProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based line and column of the offending value (or of the mapping missing a key).
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `policy.yaml:12:9: unknown role 'desginer'; expected one of: writer, designer`
    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// A policy file that cannot be used, with every problem found in it.
public struct PolicyInvalid: Error, Sendable, CustomStringConvertible {
    public var problems: [PolicyProblem]

    public init(problems: [PolicyProblem]) { self.problems = problems }

    public var description: String {
        (problems.map(\.description) + ["\(problems.count) problem\(problems.count == 1 ? "" : "s") found"])
            .joined(separator: "\n")
    }
}
