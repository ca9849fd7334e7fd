import BatonCore
import BatonStore
import CSV
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
    private let reader: CSVReader
    private let actor: String
    private var nextLine: Int

    /// Values that mean "not given" in every column.
    private let blanks: Set<String>

    /// Reads `data` as UTF-8; bytes that are not (a file saved in another encoding) become U+FFFD, so their rows
    /// are still read — and held for their invalid values — rather than cut short or lost.
    init(data: Data, mapping: LeadCSVMapping, fieldIDs: Set<String>, actor: String) throws(LeadCSVColumns.Problem) {
        let text = String(decoding: data, as: UTF8.self)
        do {
            reader = try CSVReader(stream: InputStream(data: Data(text.utf8)), hasHeaderRow: true)
        } catch {
            throw LeadCSVColumns.Problem(description: "The file cannot be read as CSV: \(error).")
        }
        guard var header = reader.headerRow, header != [""] else {
            throw LeadCSVColumns.Problem(description: "The file is empty; expected a header row naming the columns, such as: email,first_name,last_name,company,country.")
        }
        if let first = header.first, first.hasPrefix("\u{FEFF}") { header[0] = String(first.dropFirst()) }
        columns = try LeadCSVColumns(header: header, mapping: mapping, fieldIDs: fieldIDs)
        self.actor = actor
        blanks = mapping.blanks
        nextLine = 2 + Self.lineBreaks(in: header)
    }

    /// The next row that has any value (blank lines are passed over), or nil at the end of the file.
    func next() -> LeadCSVRow? {
        while let values = reader.next() {
            let line = nextLine
            nextLine += 1 + Self.lineBreaks(in: values)
            if values.allSatisfy({ $0.trimmedWhitespace.isEmpty }) { continue }
            return LeadCSVRow(line: line, result: intake(values, line: line))
        }
        return nil
    }

    private func intake(_ values: [String], line: Int) -> Result<LeadIntake, LeadCSVRejection> {
        func reject(_ reason: String) -> Result<LeadIntake, LeadCSVRejection> { .failure(LeadCSVRejection(line: line, reason: reason)) }
        guard values.count == columns.roles.count else {
            let hint = values.count < columns.roles.count ? "" : " (a value with a comma must be in double quotes)"
            return reject("expected \(columns.roles.count) values, one per column, found \(values.count)\(hint)")
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

    private static func lineBreaks(in values: [String]) -> Int {
        values.reduce(0) { count, value in count + value.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
    }
}
