@testable import BatonCore
import Foundation
import Testing

/// The review pack's schedule across a daylight-saving change, and its sections on a history counted by hand.
@Suite("Review pack")
struct ReviewPackTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    static let schedule = ReviewPackSchedule(starting: "2026-11-02", everyWeeks: 2, time: "09:00", calendar: "berlin", channels: ["#revenue"])

    /// An exact instant from "YYYY-MM-DDTHH:MM" in UTC (`Timestamp.date` adds ten microseconds on purpose).
    static func utc(_ text: String) -> Date {
        let parts = text.split(separator: "T")
        let time = parts[1].split(separator: ":").compactMap { Double($0) }
        return Timestamp.day(String(parts[0]))!.addingTimeInterval(time[0] * 3600 + time[1] * 60)
    }

    @Test("packs fall every two weeks at 09:00 Berlin time, before and after the clocks change, and cover the two weeks before")
    func slots() throws {
        #expect(Self.schedule.latestSlot(atOrBefore: Self.utc("2026-11-02T07:59"), in: Self.berlin) == nil, "before the first")
        #expect(Self.schedule.latestSlot(atOrBefore: Self.utc("2026-11-02T08:00"), in: Self.berlin) == Self.utc("2026-11-02T08:00"))
        #expect(Self.schedule.latestSlot(atOrBefore: Self.utc("2026-11-15T23:00"), in: Self.berlin) == Self.utc("2026-11-02T08:00"))
        // 22 March 2027 is in winter time (09:00 = 08:00 UTC); 5 April in summer time (09:00 = 07:00 UTC).
        #expect(Self.schedule.latestSlot(atOrBefore: Self.utc("2027-04-05T06:59"), in: Self.berlin) == Self.utc("2027-03-22T08:00"))
        let april = try #require(Self.schedule.latestSlot(atOrBefore: Self.utc("2027-04-05T07:00"), in: Self.berlin))
        #expect(april == Self.utc("2027-04-05T07:00"))
        let period = Self.schedule.period(for: april, in: Self.berlin)
        #expect(period.start == Timestamp.day("2027-03-22") && period.end == Timestamp.day("2027-04-05"))
        #expect(ReviewPackSchedule(starting: "2026-11-02", time: "9am", calendar: "berlin", channels: []).hourAndMinute == nil)
    }

    @Test("dispositions and rejections beside the period before, and a suggested change where a reason stands out")
    func sections() {
        let t0 = Self.utc("2027-01-04T00:00")
        func lead(_ id: Int64, day: Double, accepted: Bool, reason: String? = nil, disposition: String? = nil) -> LeadJourney {
            var journey = LeadJourney(leadID: id)
            journey.receivedAt = t0.addingTimeInterval(day * 86_400)
            journey.qualifiedAt = journey.receivedAt
            if accepted { journey.acceptedAt = journey.receivedAt } else { (journey.rejectedAt, journey.rejectionReason) = (journey.receivedAt, reason) }
            journey.disposition = disposition
            return journey
        }
        // Before: 1 not_icp of 2 rejections. Now: 3 student rejections of 4, and 1 not_icp.
        let before = [lead(1, day: 1, accepted: false, reason: "not_icp"), lead(2, day: 2, accepted: false, reason: "duplicate"), lead(3, day: 3, accepted: true, disposition: "working")]
        let now = [lead(4, day: 15, accepted: false, reason: "student_or_job_seeker"), lead(5, day: 15, accepted: false, reason: "student_or_job_seeker"),
                   lead(6, day: 16, accepted: false, reason: "student_or_job_seeker"), lead(7, day: 16, accepted: false, reason: "not_icp"),
                   lead(8, day: 17, accepted: true, disposition: "converted"), lead(9, day: 17, accepted: true, disposition: "working")]
        let leads = LeadPolicy(
            sources: [], fields: [], responseTiers: [], pools: [], fallback: "queue:triage", rejectionReasons: ["not_icp", "duplicate", "student_or_job_seeker"],
            dispositions: ["converted", "working", "no_response"], scoring: LeadScoring(fit: [], behaviour: [], minimumFit: 30, salesReady: 60))
        let policy = Policy(organization: "Test", leads: leads)
        func card(_ journeys: [LeadJourney], from: Double) -> Scorecard {
            Scorecard(journeys: [journeys], items: [], policy: policy, benchmarks: [], from: t0.addingTimeInterval(from * 86_400),
                      to: t0.addingTimeInterval((from + 14) * 86_400), asOf: t0.addingTimeInterval(30 * 86_400))
        }
        let pack = ReviewPack(current: card(now, from: 14), previous: card(before, from: 0), journeys: now, previousJourneys: before, policy: policy, changes: [])
        #expect(pack.acceptance.now.share == Share(2, of: 6) && pack.acceptance.before.share == Share(1, of: 3))
        #expect(pack.dispositions == [.init(label: "converted", now: 1, before: 0), .init(label: "working", now: 1, before: 1)])
        #expect(pack.rejections == [.init(label: "not_icp", now: 1, before: 1), .init(label: "duplicate", now: 0, before: 1),
                                    .init(label: "student_or_job_seeker", now: 3, before: 0)])
        #expect(pack.suggestions.map(\.reason) == ["student_or_job_seeker"], "not_icp is 1 of 4, under the three a suggestion needs")
        #expect(pack.suggestions.first?.because == "3 of 4 rejections (75 %), 0 of 2 (0 %) the period before")
        #expect(pack.suggestions.first?.text.contains("leads.scoring.fit") == true)
        #expect(DefinitionFeedback.suggestion(for: "not_icp", policy: policy).contains("minimum_fit (now 30)"))
    }
}
