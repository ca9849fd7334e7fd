import BatonCore
import Foundation

/// A `Backtest` as `baton backtest` prints it and as its CSV holds it: volume by destination, expected acceptance,
/// conversion, each person's leads and peak load, and the leads that move, with why.
struct BacktestText {
    let backtest: Backtest
    let policy: Policy

    /// (label, in force, candidate) rows of the comparison, as the text, the page and the CSV show them.
    var comparison: [(label: String, inForce: String, candidate: String)] {
        var rows = LeadRoute.Destination.allCases.map { destination in
            let volume = backtest.volume(destination)
            return ("Sent to \(destination.label.lowercased())", String(volume.inForce), String(volume.candidate))
        }
        let (acceptanceNow, unansweredNow) = backtest.acceptance(candidate: false), (acceptanceThen, unansweredThen) = backtest.acceptance(candidate: true)
        rows.append(("Acceptance by sales (of those it answered)", Self.share(acceptanceNow), Self.share(acceptanceThen)))
        rows.append(("Sent to sales, never answered by sales", String(unansweredNow), String(unansweredThen)))
        let now = backtest.conversion(candidate: false), then = backtest.conversion(candidate: true)
        rows.append(("Sent to sales → opportunity", Self.share(now.opportunity), Self.share(then.opportunity)))
        rows.append(("Sent to sales → won", Self.share(now.won), Self.share(then.won)))
        return rows
    }

    static func share(_ share: Share) -> String {
        share.percent.map { String(format: "%.1f %%", $0) + " (\(share.count) of \(share.total))" } ?? "no data"
    }

    func person(_ id: String) -> String { policy.person(id)?.name ?? id }

    func summary(shown: Int) -> String {
        var lines = ["Backtest of \(backtest.count) leads, each replayed through the policy in force and the candidate (in force → candidate):"]
        guard backtest.count > 0 else { return "No lead arrived in this period: there is nothing to replay." }
        lines += comparison.map { "  \($0.label): \($0.inForce) → \($0.candidate)" }
        lines.append("Leads per person (in force → candidate), and the most open at once (in force → candidate, of capacity):")
        lines += backtest.loads.map { "  \(person($0.person)): \($0.inForce) → \($0.candidate); open at once \($0.peakInForce) → \($0.peakCandidate)\($0.capacity.map { " of \($0)" } ?? "")" }
        let moved = backtest.moved, moves = backtest.moves
        lines.append("\(moves.destination) lead\(moves.destination == 1 ? "" : "s") go elsewhere, \(moves.owner) to someone else in sales"
            + (moves.destination + moves.owner > shown ? " (the first \(shown); --csv lists all):" : ":"))
        lines += moved.prefix(shown).map { "  \($0.id) \($0.name): \($0.inForce.describe(policy)) → \($0.candidate.describe(policy)) — \($0.candidate.because)" }
        return lines.joined(separator: "\n")
    }

    /// The comparison, the loads, then one row per lead that moves and was kept (every one, for a backtest run
    /// without `keeping`, as the CSV downloads are).
    func csv() -> String {
        var csv = CSVText(header: ["section", "label", "in_force", "candidate", "why"])
        for row in comparison { csv.append(["comparison", row.label, row.inForce, row.candidate, ""]) }
        for load in backtest.loads {
            csv.append(["load", person(load.person), String(load.inForce), String(load.candidate), "open at once \(load.peakInForce) → \(load.peakCandidate)" + (load.capacity.map { " of \($0)" } ?? "")])
        }
        for lead in backtest.moved {
            csv.append(["moved", "\(lead.id) \(lead.name)", lead.inForce.describe(policy), lead.candidate.describe(policy), lead.candidate.because])
        }
        return csv.text
    }
}
