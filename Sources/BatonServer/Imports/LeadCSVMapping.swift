import BatonCore

/// How an import reads its columns, as given on the command line (`--map`, `--blank`) or in the query string
/// (`map=`, `blank=`): which field a header fills, how its values are turned, and which values mean "nothing".
///
/// A mapping is `HEADER=FIELD`, optionally followed by steps separated by `|`:
/// - `invert`: yes and no are swapped (an opt-out column read as consent);
/// - `keep`: values are taken as written, even from a column whose name says opt-out;
/// - `FROM>TO`: the value FROM (any case) becomes TO; `FROM>` makes it blank.
struct LeadCSVMapping: Equatable {
    /// Header → target (a field id, `source_id`, `submitted_at`, an `activity_*` part, or `-`).
    var targets: [String: String] = [:]
    var transforms: [String: ColumnTransform] = [:]
    /// Values that mean "not given" in every column, lower-cased ("select", "n/a").
    var blanks: Set<String> = []

    /// Reads `HEADER=FIELD[|STEP…]` pairs (split at the last `=` before the steps, so a header may contain one) and
    /// placeholder values.
    init(_ pairs: [String], blanks: [String] = []) throws(LeadCSVColumns.Problem) {
        for pair in pairs {
            var steps = pair.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let assignment = steps.removeFirst()
            guard let split = assignment.lastIndex(of: "="), split != assignment.startIndex else {
                throw LeadCSVColumns.Problem(description: "The mapping \"\(pair)\" is not HEADER=FIELD, e.g. \"E-Mail Adresse=email\" or \"Do Not Email=consent_email|invert\".")
            }
            let header = String(assignment[..<split]).trimmedWhitespace
            let target = String(assignment[assignment.index(after: split)...]).trimmedWhitespace
            targets[header] = target
            if !steps.isEmpty { transforms[header] = try ColumnTransform(steps: steps, pair: pair) }
        }
        self.blanks = Set(blanks.map { $0.trimmedWhitespace.lowercased() }.filter { !$0.isEmpty })
    }

    /// Reads the import page's text boxes: one mapping per line, placeholder values separated by commas.
    init(lines: String?, blanks: String?) throws(LeadCSVColumns.Problem) {
        let pairs = (lines ?? "").split(whereSeparator: \.isNewline).map(String.init).filter { !$0.trimmedWhitespace.isEmpty }
        try self.init(pairs, blanks: (blanks ?? "").split(separator: ",").map(String.init))
    }
}

/// How one column's values are turned before they reach the lead.
struct ColumnTransform: Equatable {
    /// What to do with yes and no.
    enum Answers: Equatable {
        /// As the header says: an opt-out column ("Do Not Email", "Email Opt Out") is turned round into consent.
        case byHeader
        case invert
        case keep
    }

    var answers = Answers.byHeader
    /// Lower-cased value → replacement; an empty replacement makes the value blank.
    var values: [String: String] = [:]

    /// Values as the header says, unchanged.
    init() {}

    init(steps: [String], pair: String) throws(LeadCSVColumns.Problem) {
        for step in steps.map(\.trimmedWhitespace) {
            switch step {
            case "invert": answers = .invert
            case "keep": answers = .keep
            case _ where step.contains(">"):
                let parts = step.split(separator: ">", maxSplits: 1, omittingEmptySubsequences: false)
                values[String(parts[0]).trimmedWhitespace.lowercased()] = String(parts[1]).trimmedWhitespace
            default:
                throw LeadCSVColumns.Problem(description: "In the mapping \"\(pair)\", \"\(step)\" is not a step; expected invert, keep, or FROM>TO.")
            }
        }
    }

    /// The value as the field holds it, or nil for blank.
    func apply(_ value: String, header: String) -> String? {
        let renamed = values[value.lowercased()] ?? value
        guard !renamed.isEmpty else { return nil }
        switch answers {
        case .byHeader: return SourceFieldNames.fieldValue(for: header, renamed)
        case .keep: return renamed
        case .invert:
            if CheckEvaluator.isTrue(renamed) { return "no" }
            return CheckEvaluator.isFalse(renamed) ? "yes" : renamed
        }
    }
}
