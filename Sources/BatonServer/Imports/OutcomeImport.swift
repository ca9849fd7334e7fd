import BatonCore
import BatonStore
import Foundation

/// What an outcome import did (H3): rows recorded on their leads, already known, kept because no lead matches yet
/// (by line, with why), and rows refused (by line, with why).
public struct OutcomeImportReport: Sendable, Codable, Equatable {
    /// An outcome kept until its lead arrives.
    public struct Unmatched: Sendable, Codable, Equatable {
        public let line: Int
        public let reference: String
        public let reason: String
    }

    public internal(set) var rows = 0
    public internal(set) var recorded = 0
    public internal(set) var unchanged = 0
    /// Outcomes earlier imports kept that match a lead now.
    public internal(set) var matchedEarlier = 0
    public internal(set) var unmatched: [Unmatched] = []
    /// Outcomes that wait for their lead after the import, from this file and earlier ones.
    public internal(set) var pending = 0
    public internal(set) var rejected: [LeadCSVRejection] = []

    /// The report as `baton import outcomes` prints it.
    public func summary(file: String) -> String {
        var lines = [
            "\(file): \(rows) rows — \(recorded) outcomes recorded on their leads, \(unchanged) already known, \(unmatched.count) kept for a lead that has not arrived, \(rejected.count) refused."
        ]
        if matchedEarlier > 0 { lines.append("\(matchedEarlier) outcomes kept from earlier imports now matched their leads.") }
        if pending > unmatched.count { lines.append("\(pending - unmatched.count) outcomes from earlier imports or the API still wait for their lead.") }
        if !rejected.isEmpty {
            lines.append("Refused (not imported; fix these lines and import the file again):")
            lines += rejected.map { "  line \($0.line): \($0.reason)" }
        }
        if !unmatched.isEmpty {
            lines.append("Kept without a lead (matched when the lead arrives; `baton import outcomes` tries again each run):")
            lines += unmatched.map { "  line \($0.line), \($0.reference): \($0.reason)" }
        }
        return lines.joined(separator: "\n")
    }
}

/// Runs an outcome CSV through `OutcomeService` in transactions of up to 1,000 rows, after trying the outcomes
/// earlier imports kept.
struct OutcomeImport {
    let service: OutcomeService

    func run(_ reader: OutcomeCSVReader) async throws -> OutcomeImportReport {
        var report = OutcomeImportReport()
        report.matchedEarlier = try await service.store.matchPendingOutcomes(naming: nil, at: service.clock.now(), workflow: service.workflow)
        var batch: [OutcomeIntake] = []
        func flush() async throws {
            guard !batch.isEmpty else { return }
            for (intake, receipt) in zip(batch, try await service.record(batch)) {
                switch receipt.result {
                case .recorded: report.recorded += 1
                case .unchanged: report.unchanged += 1
                case .unmatched:
                    report.unmatched.append(.init(line: intake.line ?? 0, reference: intake.outcome.reference, reason: receipt.reason ?? ""))
                }
            }
            batch.removeAll(keepingCapacity: true)
        }
        while let row = reader.next() {
            report.rows += 1
            switch row.result {
            case .success(let intake):
                batch.append(intake)
                if batch.count == OutcomeService.maximumBatch { try await flush() }
            case .failure(let rejection): report.rejected.append(rejection)
            }
        }
        try await flush()
        report.pending = try await service.store.countPendingOutcomes()
        return report
    }
}
