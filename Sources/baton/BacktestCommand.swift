import ArgumentParser
import BatonCore
import BatonPolicy
import BatonServer
import Foundation

/// `baton backtest`: replays stored leads through a candidate policy and compares it with the policy in force (X2).
struct BacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Replay the leads of a period through a candidate policy and compare it with the policy in force (read-only).",
        discussion: """
            Each lead, as stored now, is validated, scored, judged and routed again at the time it arrived by the \
            candidate and by the policy in force (the one last loaded), with the recorded absences and each owner's \
            open leads, so what differs is the policy; its recorded outcome (accepted, opportunity, won) gives the \
            candidate's expected acceptance and conversion. Nothing is written. A candidate that baton policy check \
            refuses is refused with its problems.
            """)

    @Option(help: "The candidate policy file.") var policy: String
    @Option(help: "First day of arrivals (YYYY-MM-DD, UTC); default: the beginning.") var from: String?
    @Option(help: "Last day (YYYY-MM-DD, UTC), included; default: today.") var to: String?
    @Option(help: "Leads that move to list in the text.") var show = 20
    @Flag(help: "Print CSV (every lead that moves) instead of text.") var csv = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let candidate: Policy
        do {
            candidate = try PolicyLoader.load(contentsOf: policy).policy
        } catch {
            printToStandardError("The candidate policy is refused:\n\(error.description)")
            throw ExitCode.failure
        }
        let now = SystemClock().now()
        let period: ReportPeriod
        do { period = try ReportPeriod(from: from, to: to, now: now) } catch { throw ValidationError(error.description) }
        let (store, inForce) = try await database.openWithPolicy()
        let backtest = try await Backtests(store: store).run(candidate, inForce: inForce, over: period, keeping: csv ? nil : show)
        print(csv ? Backtests.csv(backtest, policy: candidate) : Backtests.text(backtest, policy: candidate, shown: show), terminator: csv ? "" : "\n")
    }
}
