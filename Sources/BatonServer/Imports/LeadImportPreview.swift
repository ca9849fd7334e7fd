import BatonCore
import BatonStore
import Foundation

/// What an import would do, worked out without storing anything (`baton import --dry-run`, `dry_run=true`, the
/// import page's preview): each column with what it fills and its most frequent values after the mapping's steps, the
/// first rows as they would arrive, the rows that would be refused, and how many leads would wait in remediation and
/// why. Read it before committing: a column read the wrong way round shows at once in its value counts.
public struct LeadImportPreview: Sendable, Codable, Equatable {
    /// A value and how many rows hold it.
    public struct ValueCount: Sendable, Codable, Equatable {
        public let value: String
        public let count: Int
    }

    /// One column of the file.
    public struct Column: Sendable, Codable, Equatable {
        public let header: String
        /// The field id it fills, `source_id`, `submitted_at`, an `activity_*` part, `extra` (kept with the lead) or `-`.
        public let fills: String
        /// The most frequent values (at most 8), most frequent first.
        public internal(set) var values: [ValueCount]
        /// Rows where it is blank (after placeholders are dropped).
        public internal(set) var blank: Int
        /// Different values in all.
        public internal(set) var distinct: Int
    }

    public internal(set) var rows = 0
    public internal(set) var columns: [Column] = []
    /// The first rows (at most 5) as the lead fields they would fill.
    public internal(set) var sample: [[String: String]] = []
    public internal(set) var rejected: [LeadCSVRejection] = []
    /// Rows that would be imported into remediation, and the problems that would put them there.
    public internal(set) var wouldHold = 0
    public internal(set) var problems: [ValueCount] = []
    /// Where the rows would go, by status, as the policy decides them now (a row about someone who is already a lead
    /// is merged into that lead instead).
    public internal(set) var outcomes: [ValueCount] = []

    static let shownValues = 8
    static let sampleRows = 5

    /// Reads every row of `reader` and decides it with `pipeline` as of `now` (validation, readiness, score,
    /// routing); stores nothing.
    init(_ reader: LeadCSVReader, pipeline: LeadPipeline, now: Date) {
        let columns = reader.columns
        var outcomeCounts: [String: Int] = [:]
        var counts = Array(repeating: [String: Int](), count: columns.roles.count)
        var problemCounts: [String: Int] = [:]
        while let row = reader.next() {
            rows += 1
            let intake: LeadIntake
            switch row.result {
            case .failure(let rejection):
                rejected.append(rejection)
                continue
            case .success(let made): intake = made
            }
            let submission = intake.submission
            if sample.count < Self.sampleRows { sample.append(submission.fields) }
            for (index, role) in columns.roles.enumerated() {
                if let value = Self.value(of: role, header: columns.header[index], in: submission) { counts[index][value, default: 0] += 1 }
            }
            let decision = pipeline.decide(submission, at: now, state: RoutingState()).0
            outcomeCounts[decision.status.label, default: 0] += 1
            if decision.status == .remediation {
                wouldHold += 1
                for problem in decision.problems { problemCounts["\(problem.field): \(problem.reason)", default: 0] += 1 }
            }
        }
        let accepted = rows - rejected.count
        self.columns = zip(columns.header, columns.roles).enumerated().map { index, column in
            let byCount = counts[index].sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            return Column(
                header: column.0, fills: column.1.fills, values: byCount.prefix(Self.shownValues).map { ValueCount(value: $0.key, count: $0.value) },
                blank: accepted - counts[index].values.reduce(0, +), distinct: counts[index].count)
        }
        outcomes = outcomeCounts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ValueCount(value: $0.key, count: $0.value) }
        problems = problemCounts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(10).map { ValueCount(value: $0.key, count: $0.value) }
    }

    private static func value(of role: LeadCSVColumns.Role, header: String, in submission: LeadSubmission) -> String? {
        switch role {
        case .field(let id, _, _): submission.fields[id]
        case .extra(let name): submission.fields[name]
        case .sourceID: submission.sourceID
        case .submittedAt: submission.submittedAt.map(Timestamp.text)
        case .activity(let part):
            submission.activities.first.flatMap { activity in
                switch part {
                case .kind: activity.kind
                case .at: Timestamp.text(activity.at)
                case .title: activity.title
                case .url: activity.url
                case .minutes: activity.minutes?.compactText
                }
            }
        case .ignored: nil
        }
    }
}

extension LeadCSVColumns.Role {
    /// What the column fills, as the preview names it.
    var fills: String {
        switch self {
        case .field(let id, _, _): id
        case .sourceID: "source_id"
        case .submittedAt: "submitted_at"
        case .activity(let part): part.rawValue
        case .extra: "extra"
        case .ignored: "-"
        }
    }
}

extension LeadImportPreview {
    /// The preview as `baton import --dry-run` prints it.
    public func summary(file: String) -> String {
        var lines = ["\(file): \(rows) rows; nothing was imported (dry run)."]
        lines.append("Columns:")
        for column in columns {
            // A column of ids (nearly every value different) is told by its count, not by a list of ids.
            let mostlyDistinct = column.distinct > 20 && column.distinct * 2 > rows
            let shown = mostlyDistinct
                ? "\(column.distinct) different values, e.g. \(column.values.first?.value ?? "")"
                : column.values.map { "\($0.value) \($0.count)" }.joined(separator: ", ")
            let more = !mostlyDistinct && column.distinct > column.values.count ? ", … (\(column.distinct) values)" : ""
            lines.append("  \(column.header) → \(column.fills): \(shown.isEmpty ? "all blank" : shown)\(more)\(column.blank > 0 ? "; blank \(column.blank)" : "")")
        }
        lines.append("Would become: " + outcomes.map { "\($0.value) \($0.count)" }.joined(separator: ", "))
        if wouldHold > 0 {
            lines.append("\(wouldHold) rows would wait in remediation:")
            lines += problems.map { "  \($0.value) (\($0.count))" }
        }
        if !rejected.isEmpty {
            lines.append("\(rejected.count) rows would be refused:")
            lines += rejected.prefix(20).map { "  line \($0.line): \($0.reason)" }
        }
        return lines.joined(separator: "\n")
    }
}
