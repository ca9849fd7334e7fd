import BatonCore
import BatonStore
import Foundation

/// One data row of a lead CSV: its line in the file and the intake it makes, or why it cannot be imported.
struct LeadCSVRow {
    let line: Int
    let result: Result<LeadIntake, LeadCSVRejection>
}

/// A row that was not imported, by its line in the file.
public struct LeadCSVRejection: Error, Sendable, Codable, Equatable {
    public let line: Int
    public let reason: String
}

/// Reads lead CSV files a row at a time, with the line each row starts on, counting the line breaks inside quoted
/// values.
///
/// Every row gets an idempotency key made from its content, so importing the same file again changes nothing, while
/// a corrected row (same person, new values) merges into the lead it belongs to.
final class LeadCSVReader {
    let columns: LeadCSVColumns
    private let rows: CSVLineReader
    private let actor: String

    /// Values that mean "not given" in every column.
    private let blanks: Set<String>

    init(data: Data, mapping: LeadCSVMapping, fieldIDs: Set<String>, actor: String) throws(LeadCSVColumns.Problem) {
        rows = try CSVLineReader(data: data, example: "email,first_name,last_name,company,country")
        columns = try LeadCSVColumns(header: rows.header, mapping: mapping, fieldIDs: fieldIDs)
        self.actor = actor
        blanks = mapping.blanks
    }

    /// The next row that has any value (blank lines are passed over), or nil at the end of the file.
    func next() -> LeadCSVRow? {
        rows.next().map { LeadCSVRow(line: $0.line, result: intake($0.values, line: $0.line)) }
    }

    private func intake(_ values: [String], line: Int) -> Result<LeadIntake, LeadCSVRejection> {
        func reject(_ reason: String) -> Result<LeadIntake, LeadCSVRejection> { .failure(LeadCSVRejection(line: line, reason: reason)) }
        guard values.count == columns.roles.count else {
            return reject(CSVLineReader.countProblem(found: values.count, expected: columns.roles.count))
        }
        var fields: [String: String] = [:]
        var sourceID: String?
        var submittedAt: Date?
        var activity: [LeadCSVColumns.ActivityPart: String] = [:]
        for (index, (role, raw)) in zip(columns.roles, values).enumerated() {
            let value = raw.trimmedWhitespace
            guard !value.isEmpty, !blanks.contains(value.lowercased()) else { continue }
            switch role {
            case .field(let id, let header, let transform): fields[id] = transform.apply(value, header: header)
            case .extra(let name): fields[name] = value
            case .sourceID: sourceID = value
            case .submittedAt:
                guard let date = IntakeDate.parse(value) else {
                    return reject("\(columns.header[index]): \"\(value)\" is not a time; expected \(IntakeDate.expected), 2026-11-23 09:30 or epoch milliseconds")
                }
                submittedAt = date
            case .activity(let part): activity[part] = value
            case .ignored: break
            }
        }
        var activities: [LeadActivity] = []
        if !activity.isEmpty {
            guard let kind = activity[.kind] else { return reject("activity_kind: needed when the row has other activity columns") }
            guard let at = activity[.at].map(IntakeDate.parse) ?? submittedAt else {
                return reject("activity_at: \(activity[.at].map { "\"\($0)\" is not a time; expected \(IntakeDate.expected)" } ?? "needed with activity_kind, or a creation time")")
            }
            var minutes: Double?
            if let text = activity[.minutes] {
                minutes = Double(text)
                if minutes == nil { return reject("activity_minutes: \"\(text)\" is not a number") }
            }
            activities.append(LeadActivity(kind: kind, at: at, title: activity[.title], url: activity[.url], minutes: minutes))
        }
        let submission = LeadSubmission(source: "csv_import", sourceID: sourceID, submittedAt: submittedAt, fields: fields, activities: activities)
        let key = "csv-" + ContentHash.sha256(values.joined(separator: "\u{1F}"))
        return .success(LeadIntake(submission: submission, idempotencyKey: key, actor: actor))
    }
}
