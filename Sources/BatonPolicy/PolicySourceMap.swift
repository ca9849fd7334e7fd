/// Where each value of a policy was written, keyed by its path ("handoffs[2].raci.accountable[0]").
///
/// The reader fills it while it reads; the validator uses it to place problems about references.
struct PolicySourceMap {
    /// A 1-based position in the file.
    struct Position: Equatable {
        var line: Int
        var column: Int
    }

    private(set) var positions: [String: Position] = [:]

    mutating func record(_ path: String, _ position: Position) { positions[path] = position }

    /// The position of `path`, or of its nearest recorded parent when the value itself was not written.
    func position(of path: String) -> Position {
        var current = path
        while !current.isEmpty {
            if let found = positions[current] { return found }
            current = Self.parent(of: current)
        }
        return positions[""] ?? Position(line: 1, column: 1)
    }

    private static func parent(of path: String) -> String {
        guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return "" }
        return String(path[..<cut])
    }
}
