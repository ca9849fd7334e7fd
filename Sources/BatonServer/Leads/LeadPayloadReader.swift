import BatonCore
import Foundation

/// Reads leads from JSON strictly: every unknown key, wrong type or bad date is reported with its path
/// (`leads[3].fields.colour`) and nothing is admitted until the whole body is right.
struct LeadPayloadReader {
    /// The policy's lead field ids; other keys under `fields` are refused.
    let fieldIDs: Set<String>
    let source: String
    private(set) var problems: [String] = []

    init(fieldIDs: Set<String>, source: String) {
        self.fieldIDs = fieldIDs
        self.source = source
    }

    static let maximumBatch = 1000

    /// One lead (`{fields, activities…}`) or a batch (`{"leads": [...]}`).
    mutating func read(_ body: Data) throws -> [LeadSubmission] {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: body)
        } catch let error as DecodingError {
            throw AppError.badRequest("The request body is not valid JSON.", details: [JSONErrorDescription.describe(error)])
        }
        guard let root = value.object else { throw AppError.badRequest("The body must be a JSON object: one lead, or {\"leads\": [...]}.") }
        var submissions: [LeadSubmission] = []
        if let batch = root["leads"] {
            let extra = root.keys.filter { $0 != "leads" }.sorted()
            problems += extra.map { "\($0): unknown field; a batch has only \"leads\"" }
            guard let list = batch.array else { throw invalid(["leads: expected a list of leads"]) }
            guard list.count <= Self.maximumBatch else {
                throw AppError(.contentTooLarge, code: "batch_too_large", message: "A batch holds at most 1,000 leads; this one has \(list.count).")
            }
            for (index, element) in list.enumerated() {
                if let lead = read(element, path: "leads[\(index)]") { submissions.append(lead) }
            }
        } else if let lead = read(value, path: "") {
            submissions.append(lead)
        }
        if !problems.isEmpty { throw invalid(problems) }
        return submissions
    }

    private func invalid(_ details: [String]) -> AppError {
        AppError(.badRequest, code: "invalid_lead", message: "The leads were not accepted; fix these and send them again.", details: details)
    }

    private mutating func read(_ value: JSONValue, path: String) -> LeadSubmission? {
        func at(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
        guard let object = value.object else {
            problems.append("\(path.isEmpty ? "body" : path): expected a lead object")
            return nil
        }
        let known: Set<String> = ["fields", "activities", "source_id", "submitted_at"]
        for key in object.keys.sorted() where !known.contains(key) {
            problems.append("\(at(key)): unknown field; expected one of: activities, fields, source_id, submitted_at")
        }
        var fields: [String: String] = [:]
        if let raw = object["fields"] {
            if let map = raw.object {
                for (key, value) in map.sorted(by: { $0.key < $1.key }) {
                    guard fieldIDs.contains(key) else {
                        problems.append("\(at("fields.\(key)")): not a field of the policy's lead model; expected one of: \(fieldIDs.sorted().joined(separator: ", "))")
                        continue
                    }
                    if let text = value.scalarText { fields[key] = text } else if value != .null {
                        problems.append("\(at("fields.\(key)")): expected text, a number or true/false")
                    }
                }
            } else {
                problems.append("\(at("fields")): expected an object of field id to value")
            }
        } else {
            problems.append("\(at("fields")): missing")
        }
        var activities: [LeadActivity] = []
        if let raw = object["activities"] {
            if let list = raw.array {
                for (index, element) in list.enumerated() {
                    if let activity = readActivity(element, path: at("activities[\(index)]")) { activities.append(activity) }
                }
            } else {
                problems.append("\(at("activities")): expected a list")
            }
        }
        let sourceID = object["source_id"]?.scalarText
        if object["source_id"] != nil, sourceID == nil { problems.append("\(at("source_id")): expected text") }
        var submittedAt: Date?
        if let raw = object["submitted_at"] {
            submittedAt = IntakeDate.parse(raw)
            if submittedAt == nil { problems.append("\(at("submitted_at")): expected \(IntakeDate.expected)") }
        }
        return LeadSubmission(source: source, sourceID: sourceID, submittedAt: submittedAt, fields: fields, activities: activities)
    }

    private mutating func readActivity(_ value: JSONValue, path: String) -> LeadActivity? {
        guard let object = value.object else {
            problems.append("\(path): expected an activity object")
            return nil
        }
        let known: Set<String> = ["kind", "at", "title", "url", "minutes"]
        for key in object.keys.sorted() where !known.contains(key) {
            problems.append("\(path).\(key): unknown field; expected one of: at, kind, minutes, title, url")
        }
        guard let kind = object["kind"]?.string, !kind.isEmpty else {
            problems.append("\(path).kind: expected the activity's kind, e.g. demo_request")
            return nil
        }
        guard let at = object["at"].flatMap(IntakeDate.parse) else {
            problems.append("\(path).at: expected \(IntakeDate.expected)")
            return nil
        }
        var minutes: Double?
        if let raw = object["minutes"] {
            minutes = raw.number.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
            if minutes == nil { problems.append("\(path).minutes: expected a number of minutes, 0 or more") }
        }
        return LeadActivity(kind: kind, at: at, title: object["title"]?.string, url: object["url"]?.string, minutes: minutes)
    }
}
