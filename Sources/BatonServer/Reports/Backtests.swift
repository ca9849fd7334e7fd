import BatonCore
import BatonPolicy
import BatonStore
import Foundation

/// Backtests (`baton backtest`, and the page): a candidate policy replayed over the leads that arrived in a period,
/// read from the store and never written to it.
public struct Backtests: Sendable {
    let store: any BatonStorage

    public init(store: any BatonStorage) { self.store = store }

    /// Replays the leads that arrived in `period` through `candidate` and through the policy in force.
    public func run(_ candidate: Policy, inForce: Policy, over period: ReportPeriod) async throws -> Backtest {
        let journeys = try await store.leadJourneys(receivedFrom: period.start, before: period.end)
        let records = try await store.leads(ids: journeys.map(\.leadID))
        let away = try await store.absences(endingAfter: period.start).map { Backtest.Away(person: $0.person, from: $0.starts, until: $0.ends) }
        return Backtest(
            records: records, journeys: Dictionary(journeys.map { ($0.leadID, $0) }) { first, _ in first }, inForce: inForce, candidate: candidate, away: away)
    }

    /// The candidate read from YAML text; refused with every problem `baton policy check` would report.
    public static func candidate(_ text: String, file: String) throws(PolicyInvalid) -> Policy {
        try PolicyLoader.parse(text, file: file).policy
    }

    public static func text(_ backtest: Backtest, policy: Policy, shown: Int = 20) -> String {
        BacktestText(backtest: backtest, policy: policy).summary(shown: shown)
    }

    public static func csv(_ backtest: Backtest, policy: Policy) -> String { BacktestText(backtest: backtest, policy: policy).csv() }
}
