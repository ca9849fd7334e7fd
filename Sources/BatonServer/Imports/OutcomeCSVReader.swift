import BatonCore
import Foundation

/// Reads an outcome CSV (H3): one opportunity or deal per row, the lead it came from, and how far it got. Headers of
/// Salesforce opportunity and HubSpot deal exports are understood; `--map HEADER=TARGET[|FROM>TO…]` says what any
/// other column holds. Several columns may hold `people` (an SDR and an account executive): they are joined in
/// column order.
final class OutcomeCSVReader {
    /// What a column can hold.
    enum Target: String, CaseIterable {
        case reference, stage, amount, currency, openedAt = "opened_at", closedAt = "closed_at", people, name
        case leadID = "lead_id", leadSource = "lead_source", leadSourceID = "lead_source_id", leadEmail = "lead_email"
    }

    /// Header names exports use, by target (compared without case, spaces or punctuation).
    private static let known: [String: Target] = {
        let names: [Target: [String]] = [
            .reference: ["Opportunity ID", "Deal ID", "Record ID", "reference"],
            .stage: ["Stage", "Deal Stage", "StageName"],
            .amount: ["Amount"],
            .currency: ["Currency", "Opportunity Currency", "Amount Currency"],
            .openedAt: ["Created Date", "Create Date", "opened_at"],
            .closedAt: ["Close Date", "CloseDate", "closed_at"],
            .people: ["Opportunity Owner", "Deal owner", "Owner", "people"],
            .name: ["Opportunity Name", "Deal Name", "name"],
            .leadID: ["lead_id", "Baton lead"],
            .leadSource: ["lead_source"],
            .leadSourceID: ["lead_source_id", "Lead ID", "Converted Lead ID"],
            .leadEmail: ["lead_email", "Email", "Contact Email"],
        ]
        var known: [String: Target] = [:]
        for (target, headers) in names { for header in headers { known[SourceFieldNames.key(header)] = target } }
        return known
    }()

    private let rows: CSVLineReader
    private let targets: [Target?]
    private let transforms: [ColumnTransform?]
    private let blanks: Set<String>
    private let defaults: Defaults
    private let actor: String

    /// What rows without a stage or lead source column are taken to say.
    struct Defaults {
        /// The stage of every row without a stage value (a file of closed deals: `won`).
        var stage: LeadOutcome.Stage = .opportunity
        /// The intake source the lead record ids belong to.
        var leadSource: String = "csv_import"
    }

    init(data: Data, mapping: LeadCSVMapping, defaults: Defaults, actor: String) throws(LeadCSVColumns.Problem) {
        rows = try CSVLineReader(data: data, example: "reference,stage,amount,closed_at,lead_email")
        var unknown = Set(mapping.targets.keys)
        var targets: [Target?] = []
        var transforms: [ColumnTransform?] = []
        for name in rows.header.map(\.trimmedWhitespace) {
            if let mapped = mapping.targets[name] {
                unknown.remove(name)
                guard mapped == "-" || Target(rawValue: mapped) != nil else {
                    throw LeadCSVColumns.Problem(
                        description: "The mapping \(name)=\(mapped) names nothing an outcome holds; expected one of: \(Target.allCases.map(\.rawValue).joined(separator: ", ")), or - to skip the column.")
                }
                targets.append(Target(rawValue: mapped))
            } else {
                targets.append(Self.known[SourceFieldNames.key(name)])
            }
            transforms.append(mapping.transforms[name])
        }
        if let missing = unknown.sorted().first {
            throw LeadCSVColumns.Problem(description: "The mapping names the column \"\(missing)\", which the header does not have; it has: \(rows.header.joined(separator: ", ")).")
        }
        for target in Target.allCases where target != .people && targets.filter({ $0 == target }).count > 1 {
            throw LeadCSVColumns.Problem(description: "Two columns hold \(target.rawValue); map one of them to - to skip it.")
        }
        guard targets.contains(.reference) else {
            throw LeadCSVColumns.Problem(
                description: "No column holds the opportunity's id (reference); map one, e.g. --map \"Opportunity ID=reference\". The header has: \(rows.header.joined(separator: ", ")).")
        }
        guard targets.contains(where: { [.leadID, .leadSourceID, .leadEmail].contains($0) }) else {
            throw LeadCSVColumns.Problem(description: "No column names the lead; map one to lead_id, lead_source_id or lead_email.")
        }
        self.targets = targets
        self.transforms = transforms
        blanks = mapping.blanks
        self.defaults = defaults
        self.actor = actor
    }

    /// The next row that has any value: its line and the outcome it gives, or why it cannot be read.
    func next() -> (line: Int, result: Result<OutcomeIntake, LeadCSVRejection>)? {
        rows.next().map { ($0.line, intake($0.values, line: $0.line)) }
    }

    private func intake(_ values: [String], line: Int) -> Result<OutcomeIntake, LeadCSVRejection> {
        func reject(_ reason: String) -> Result<OutcomeIntake, LeadCSVRejection> { .failure(LeadCSVRejection(line: line, reason: reason)) }
        guard values.count == targets.count else { return reject(CSVLineReader.countProblem(found: values.count, expected: targets.count)) }
        var read: [Target: String] = [:]
        var people: [String] = []
        for (index, target) in targets.enumerated() {
            guard let target else { continue }
            var value = values[index].trimmedWhitespace
            if let transform = transforms[index] { value = transform.values[value.lowercased()] ?? value }
            guard !value.isEmpty, !blanks.contains(value.lowercased()) else { continue }
            if target == .people { people.append(value) } else { read[target] = value }
        }
        guard let reference = read[.reference] else { return reject("\(header(of: .reference)): the opportunity's id is empty") }
        var outcome = LeadOutcome(origin: "csv", reference: reference, stage: read[.stage].map(Self.stage) ?? defaults.stage, people: people, name: read[.name])
        outcome.currency = read[.currency]
        if let text = read[.amount] {
            guard let amount = Double(text.replacingOccurrences(of: ",", with: "")), amount.isFinite else {
                return reject("\(header(of: .amount)): \"\(text)\" is not an amount")
            }
            outcome.amount = amount
        }
        for (target, path) in [(Target.openedAt, \LeadOutcome.openedAt), (.closedAt, \.closedAt)] {
            guard let text = read[target] else { continue }
            guard let date = IntakeDate.parse(text) else { return reject("\(header(of: target)): \"\(text)\" is not a time; expected \(IntakeDate.expected)") }
            outcome[keyPath: path] = date
        }
        var leadID: Int64?
        if let text = read[.leadID] {
            guard let id = Int64(text), id > 0 else { return reject("\(header(of: .leadID)): \"\(text)\" is not a lead id") }
            leadID = id
        }
        let lead = OutcomeLeadReference(
            leadID: leadID, source: read[.leadSource] ?? defaults.leadSource, sourceID: read[.leadSourceID], email: read[.leadEmail])
        guard !lead.lookups.isEmpty else { return reject("the row names no lead: its lead id, lead record id and email are all empty") }
        return .success(OutcomeIntake(outcome: outcome, lead: lead, actor: actor, line: line))
    }

    private func header(of target: Target) -> String {
        targets.firstIndex(of: target).map { rows.header[$0] } ?? target.rawValue
    }

    /// "Closed Won", "closedwon", "won" → won; "Closed Lost", "lost" → lost; any other stage is an open opportunity.
    static func stage(_ text: String) -> LeadOutcome.Stage {
        let key = SourceFieldNames.key(text)
        if key.hasSuffix("won") { return .won }
        if key.hasSuffix("lost") { return .lost }
        return .opportunity
    }
}
