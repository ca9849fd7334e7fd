/// The paid ad copy matrix (C4): one line of copy for each angle × persona × offer of the brief, written as
/// `angle × persona × offer: copy`, so the matrix is a plain field that gates can count. A line still ending at its
/// colon has no copy and is dropped when saved (see `WorkWorkflow.updateFields`).
public struct AdCopyMatrix: Sendable, Equatable {
    /// One cell: the combination and its copy (empty until written).
    public struct Cell: Sendable, Equatable {
        public var angle: String
        public var persona: String
        public var offer: String
        public var copy: String

        public init(angle: String, persona: String, offer: String, copy: String) {
            self.angle = angle
            self.persona = persona
            self.offer = offer
            self.copy = copy
        }
    }

    public var cells: [Cell]

    /// The combinations of a brief's angles (`message`), personas (`audience`) and offers (`offer`, else `cta`).
    public init(brief fields: [String: String]) {
        let angles = BriefValidator.items(fields["message"] ?? "")
        let personas = BriefValidator.items(fields["audience"] ?? "")
        let offers = BriefValidator.items(fields["offer"] ?? fields["cta"] ?? "")
        cells = angles.flatMap { angle in
            personas.flatMap { persona in offers.map { Cell(angle: angle, persona: persona, offer: $0, copy: "") } }
        }
    }

    /// The lines a writer fills in: `angle × persona × offer: `.
    public var skeleton: String { cells.map { "\($0.angle) × \($0.persona) × \($0.offer): " }.joined(separator: "\n") }

    /// Cells read back from a written matrix; lines that do not follow the form are left out.
    public static func parse(_ text: String) -> [Cell] {
        BriefValidator.items(text).compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let parts = line[..<colon].components(separatedBy: " × ")
            guard parts.count == 3 else { return nil }
            return Cell(angle: parts[0], persona: parts[1], offer: parts[2], copy: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
    }
}
