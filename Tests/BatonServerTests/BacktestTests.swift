import BatonCore
import BatonPolicy
import BatonServer
import BatonStore
import BatonTestSupport
import Foundation
import Testing

/// Backtests on two weeks of the demo's lead history: the policy in force replayed against itself moves nothing, a
/// stricter definition sends fewer leads to sales with the rule that decided each, a broken candidate is refused,
/// and nothing in the database changes.
@Suite("Backtest")
struct BacktestTests {
    @Test("replaying the policy in force moves nothing; a higher sales-ready threshold sends fewer leads to sales, each with why; read-only")
    func replay() async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        let text = try examplePolicyText()
        let policy = try PolicyLoader.parse(text, file: "policy.yaml").policy
        let admitted = try await DemoData.generateLeads(store: store, policy: policy, now: clock.now(), days: 14)
        let eventsBefore = try await store.events(after: 0, limit: 1_000_000).count
        let journeys = try await store.leadJourneys(receivedFrom: .distantPast, before: .distantFuture)
        let period = ReportPeriod(start: .distantPast, end: .distantFuture)

        let same = try await Backtests(store: store).run(policy, inForce: policy, over: period)
        #expect(same.count == admitted && same.moved.isEmpty)
        #expect(same.volume(.sales).inForce == journeys.filter { $0.qualifiedAt != nil }.count, "the replay of the policy in force sends to sales the leads it qualified")
        let recorded = journeys.filter { $0.qualifiedAt != nil && ($0.acceptedAt != nil || $0.rejectedAt != nil) }
        #expect(same.acceptance(candidate: true).share == Share(recorded.filter { $0.acceptedAt != nil }.count, of: recorded.count))

        let stricter = try PolicyLoader.parse(text.replacingOccurrences(of: "sales_ready: 60", with: "sales_ready: 80"), file: "candidate.yaml").policy
        let backtest = try await Backtests(store: store).run(stricter, inForce: policy, over: period)
        let (sales, nurture, noConsent) = (backtest.volume(.sales), backtest.volume(.nurture), backtest.volume(.noConsent))
        // A lead without consent is only told apart once it is sales-ready: below the new threshold it is nurture too.
        #expect(sales.candidate < sales.inForce && nurture.candidate - nurture.inForce == (sales.inForce - sales.candidate) + (noConsent.inForce - noConsent.candidate),
                "what leaves sales (and no consent) goes to nurture")
        let demoted = backtest.moved.filter { $0.inForce.destination != .nurture && $0.candidate.destination == .nurture }
        #expect(!demoted.isEmpty && demoted.allSatisfy { $0.candidate.because.contains("below the sales-ready threshold of 80") })
        #expect(backtest.moves.destination == demoted.count, "nothing goes anywhere but nurture")
        #expect(try await store.events(after: 0, limit: 1_000_000).count == eventsBefore, "a backtest writes nothing")

        #expect(throws: PolicyInvalid.self) { try Backtests.candidate(text.replacingOccurrences(of: "sales_ready: 60", with: "sales_ready: lots"), file: "candidate.yaml") }
    }

    @Test("a history replayed in chunks decides every lead and load as it does in one go, from the replay column of each lead")
    func chunks() async throws {
        let clock = ManualClock()
        let store = try await prepareAccounts(testConfiguration(), clock: clock)
        let text = try examplePolicyText()
        let policy = try PolicyLoader.parse(text, file: "policy.yaml").policy
        let stricter = try PolicyLoader.parse(text.replacingOccurrences(of: "sales_ready: 60", with: "sales_ready: 70"), file: "candidate.yaml").policy
        _ = try await DemoData.generateLeads(store: store, policy: policy, now: clock.now(), days: 14)
        let ids = try await store.leadArrivals(receivedFrom: .distantPast, before: .distantFuture)
        let inputs = try await store.replayInputs(ids: ids)
        #expect(inputs == (try await store.leads(ids: ids)).map(Backtest.Input.init), "the replay column holds what the record does")

        var whole = Backtest(inForce: policy, candidate: stricter)
        whole.replay(inputs)
        var chunked = Backtest(inForce: policy, candidate: stricter)
        for chunk in inputs.chunks(of: 7) { chunked.replay(Array(chunk)) }
        #expect(whole.count == inputs.count && !whole.moved.isEmpty)
        #expect(whole.moved == chunked.moved && whole.tallies == chunked.tallies && whole.loads == chunked.loads)
        // Routing one chunk while the next is judged, as a backtest of the store does, decides the same.
        var pipelined = Backtest(inForce: policy, candidate: stricter)
        let parts = inputs.chunks(of: inputs.count / 3 + 1).map(Array.init)
        var judged = pipelined.judge(parts[0])
        for part in parts.dropFirst() { judged = pipelined.route(judged, whileJudging: part) }
        pipelined.route(judged)
        #expect(parts.count == 3 && pipelined.count == inputs.count)
        #expect(whole.moved == pipelined.moved && whole.tallies == pipelined.tallies && whole.loads == pipelined.loads && whole.moves == pipelined.moves)
        let read = try await Backtests(store: store).run(stricter, inForce: policy, over: ReportPeriod(start: .distantPast, end: .distantFuture))
        #expect(whole.moved == read.moved && whole.tallies == read.tallies && whole.loads == read.loads)

        // A summary keeps the first leads of each kind of move, and counts them all.
        var kept = Backtest(inForce: policy, candidate: stricter, keeping: 3)
        for chunk in inputs.chunks(of: 7) { kept.replay(Array(chunk)) }
        let elsewhere = whole.moved.filter { $0.inForce.destination != $0.candidate.destination }
        let reassigned = whole.moved.filter { $0.inForce.destination == $0.candidate.destination }
        #expect(elsewhere.count > 3 && reassigned.count > 3)
        #expect(kept.moved == Array(elsewhere.prefix(3) + reassigned.prefix(3)))
        #expect(kept.moves == whole.moves && whole.moves == (elsewhere.count, reassigned.count) && kept.tallies == whole.tallies)
    }

    @Test("a named account's lead counts against its owner's capacity until it closes, as the intake counts it")
    func namedAccountLoad() throws {
        let text = try examplePolicyText().replacingOccurrences(of: "      capacity: 60\n      members: [{ person: ana", with: "      capacity: 1\n      members: [{ person: ana")
        let policy = try PolicyLoader.parse(text, file: "policy.yaml").policy
        #expect(policy.leads?.capacityByPerson["ana"] == 1)
        // Tuesday 10 November 2026, 10:00 UTC: everyone in EMEA is at work.
        let tuesday = Date(timeIntervalSince1970: 1_794_304_800)
        func lead(_ id: Int64, email: String, at minute: Double) -> Backtest.Input {
            let at = tuesday.addingTimeInterval(minute * 60)
            return Backtest.Input(
                id: id, source: "web_form", sourceID: nil, submittedAt: nil, receivedAt: at,
                fields: ["email": email, "last_name": "Weber", "company": "Kaufhaus Nord", "job_title": "Head of Analytics", "country": "DE",
                         "industry": "Retail", "company_size": "400", "consent_email": "yes"],
                extras: [:], activities: [LeadActivity(kind: "demo_request", at: at)], acceptedAt: nil, rejectedAt: nil,
                dispositionAt: at.addingTimeInterval(7 * 86_400), outcomes: nil)
        }
        var backtest = Backtest(inForce: policy, candidate: policy)
        backtest.replay([lead(1, email: "m.weber@contoso.com", at: 0), lead(2, email: "k.nord@kaufhaus-nord.de", at: 1)])
        // Ana holds the named account's lead, her one place: the pool's next lead goes to Lukas.
        #expect(backtest.tallies.inForce.owners == ["ana": 1, "lukas": 1])
        #expect(backtest.loads.first { $0.person == "ana" }?.peakInForce == 1)
    }
}
