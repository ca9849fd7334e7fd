import Foundation

/// The example policy with one passage replaced, and where the replacement starts (1-based line and column).
///
/// Tests use it to break the example policy in one known place and expect a problem at exactly that place.
public struct PolicyMutation {
    public let text: String
    public let line: Int
    public let column: Int

    /// Replaces the only occurrence of `original` after `anchor` (or in the whole file) with `replacement`;
    /// the position is that of `replacement`'s first character, plus `offset` characters.
    public init(_ base: String, replacing original: String, with replacement: String, after anchor: String? = nil, offset: Int = 0) {
        let searchStart = anchor.flatMap { base.range(of: $0)?.upperBound } ?? base.startIndex
        guard let range = base.range(of: original, range: searchStart..<base.endIndex) else {
            fatalError("'\(original)' is not in the policy")
        }
        text = base.replacingCharacters(in: range, with: replacement)
        let before = text[..<range.lowerBound]
        line = before.filter { $0 == "\n" }.count + 1
        column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1 + offset
    }
}

/// The text of the example policy.
public func examplePolicyText() throws -> String { try String(contentsOfFile: examplePolicyPath, encoding: .utf8) }
