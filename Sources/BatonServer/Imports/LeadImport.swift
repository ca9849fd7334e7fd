import BatonCore
import BatonStore
import Foundation

/// What a CSV import did: how many rows made, merged into or repeated a lead; each row refused, by line; and each
/// imported lead that is held back (remediation, nurture, no consent, unrouted) with its reasons, so nothing is lost
/// silently.
public struct LeadImportReport: Sendable, Codable, Equatable {
    /// A lead the import admitted but did not pass to sales.
    public struct Held: Sendable, Codable, Equatable {
        public let line: Int
        public let leadId: Int64
        public let status: LeadStatus
        public let because: String
        public let problems: [String]
    }

    public internal(set) var rows = 0
    public internal(set) var created = 0
    public internal(set) var merged = 0
    public internal(set) var repeated = 0
    public internal(set) var rejected: [LeadCSVRejection] = []
    public internal(set) var held: [Held] = []
    /// Leads by status after the import, counting each row that was imported.
    public internal(set) var statuses: [String: Int] = [:]
}

/// Runs a CSV through the lead handoff in transactions of up to 1,000 rows, in file order, so a later row about the
/// same person merges into the lead an earlier row made.
struct LeadImport {
    let service: LeadService
    static let chunk = 1000

    func run(_ reader: LeadCSVReader) async throws -> LeadImportReport {
        var report = LeadImportReport()
        var batch: [(line: Int, intake: LeadIntake)] = []
        func flush() async throws {
            guard !batch.isEmpty else { return }
            let admissions = try await service.admit(batch.map(\.intake))
            for ((line, _), admission) in zip(batch, admissions) { report.count(admission, line: line) }
            batch.removeAll(keepingCapacity: true)
        }
        while let row = reader.next() {
            report.rows += 1
            switch row.result {
            case .success(let intake):
                batch.append((row.line, intake))
                if batch.count == Self.chunk { try await flush() }
            case .failure(let rejection):
                report.rejected.append(rejection)
            }
        }
        try await flush()
        return report
    }
}

extension LeadImportReport {
    fileprivate mutating func count(_ admission: LeadAdmission, line: Int) {
        switch admission.outcome {
        case .created: created += 1
        case .merged: merged += 1
        case .repeated, .keyReused: repeated += 1  // imports key rows by their content, so a key is never reused
        }
        let lead = admission.lead
        statuses[lead.status.rawValue, default: 0] += 1
        if LeadStatus.held.contains(lead.status) || lead.status == .unrouted {
            held.append(Held(
                line: line, leadId: lead.id, status: lead.status, because: lead.because,
                problems: lead.problems.map(\.description) + lead.readiness.filter { !$0.passed }.map(\.reason)))
        }
    }
}

extension LeadImportReport {
    /// The report as `baton import` prints it.
    public func summary(file: String) -> String {
        var lines = ["\(file): \(rows) rows — \(created) new leads, \(merged) merged into existing leads, \(repeated) already imported, \(rejected.count) refused."]
        if !statuses.isEmpty {
            lines.append("By status: " + statuses.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        if !rejected.isEmpty {
            lines.append("Refused (not imported; fix these lines and import the file again):")
            lines += rejected.map { "  line \($0.line): \($0.reason)" }
        }
        if !held.isEmpty {
            lines.append("Held back (imported, not passed to sales):")
            lines += held.map { held in
                let reasons = held.problems.isEmpty ? held.because : held.problems.joined(separator: "; ")
                return "  line \(held.line), lead \(held.leadId) (\(held.status.rawValue)): \(reasons)"
            }
        }
        return lines.joined(separator: "\n")
    }
}
