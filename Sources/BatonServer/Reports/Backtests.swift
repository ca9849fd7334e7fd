import BatonCore
import BatonPolicy
import BatonStore
import Foundation

/// Backtests (`baton backtest`, and the page): a candidate policy replayed over the leads that arrived in a period,
/// read from the store and never written to it.
public struct Backtests: Sendable {
    let store: any BatonStorage

    public init(store: any BatonStorage) { self.store = store }

    /// Replays the leads that arrived in `period` through `candidate` and through the policy in force, reading
    /// them in chunks so that a history of millions stays within memory; the next chunk is read while one is judged
    /// and the one before it routed.
    /// `keeping`: how many leads of each kind of move to keep with why (those a summary shows; nil for all).
    public func run(_ candidate: Policy, inForce: Policy, over period: ReportPeriod, keeping: Int? = nil) async throws -> Backtest {
        let away = try await store.absences(endingAfter: period.start).map { Backtest.Away(person: $0.person, from: $0.starts, until: $0.ends) }
        var backtest = Backtest(inForce: inForce, candidate: candidate, away: away, keeping: keeping)
        let chunks = try await store.leadArrivals(receivedFrom: period.start, before: period.end).chunks(of: Self.chunk).map(Array.init)
        let store = store
        var next = chunks.first.map { ids in Task { try await store.replayInputs(ids: ids) } }
        defer { next?.cancel() }
        // Three chunks in flight: one read while the one before it is judged and the one before that routed.
        var judged: Backtest.Judged?
        for index in chunks.indices {
            let inputs = try await next!.value
            next = chunks.indices.contains(index + 1) ? Task { [ids = chunks[index + 1]] in try await store.replayInputs(ids: ids) } : nil
            judged = judged.map { backtest.route($0, whileJudging: inputs) } ?? backtest.judge(inputs)
        }
        if let judged { backtest.route(judged) }
        return backtest
    }

    /// How many leads are read and replayed at a time.
    static let chunk = 5_000

    /// The candidate read from YAML text; refused with every problem `baton policy check` would report.
    public static func candidate(_ text: String, file: String) throws(PolicyInvalid) -> Policy {
        try PolicyLoader.parse(text, file: file).policy
    }

    public static func text(_ backtest: Backtest, policy: Policy, shown: Int = 20) -> String {
        BacktestText(backtest: backtest, policy: policy).summary(shown: shown)
    }

    public static func csv(_ backtest: Backtest, policy: Policy) -> String { BacktestText(backtest: backtest, policy: policy).csv() }
}
