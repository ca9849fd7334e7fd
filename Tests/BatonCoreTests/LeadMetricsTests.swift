import BatonCore
import Foundation
import Testing

/// The lead KPIs on a small history computed by hand (docs/metrics.md gives the formulas).
@Suite("Lead KPIs")
struct LeadMetricsTests {
    static let nine = Date(timeIntervalSince1970: 1_800_000_000)  // the leads arrive at once

    static func at(minutes: Double) -> Date { nine.addingTimeInterval(minutes * 60) }

    /// Four leads: 1 touched in time, accepted and won; 2 touched late and rejected; 3 never touched; 4 in remediation.
    static let history: [LeadJourney] = {
        var events: [Int64: [(String, Double, [String: String])]] = [:]
        let arrival: (String, Double, [String: String]) = ("lead.received", 0, ["source": "api"])
        events[1] = [
            ("lead.received", 0, ["source": "api", "utm_source": "linkedin", "completeness": "75"]), ("lead.validated", 0, [:]),
            ("lead.scored", 0, [:]), ("lead.qualified", 0, ["tier": "hand-raiser"]), ("lead.routed", 0, ["rule": "r1"]),
            ("lead.assigned", 0, ["owner": "ana", "due": Timestamp.text(at(minutes: 60))]), ("lead.owner_notified", 1, [:]),
            ("lead.first_touch", 31, ["within_sla": "yes", "business_seconds": "1860"]), ("lead.accepted", 40, [:]),
            ("lead.opportunity_opened", 50, ["opportunities": "1", "won": "0", "won_amount": "0"]),
            ("lead.deal_won", 60, ["opportunities": "1", "won": "1", "won_amount": "1000", "people": "kim", "closed_at": Timestamp.text(at(minutes: 14_400))]),
        ]
        events[2] = [
            ("lead.received", 0, ["source": "api", "utm_source": "linkedin", "completeness": "50"]), ("lead.validated", 0, [:]),
            ("lead.qualified", 0, [:]), ("lead.assigned", 0, ["owner": "ana", "due": Timestamp.text(at(minutes: 60))]),
            ("lead.owner_notified", 3, [:]), ("lead.first_touch", 120, ["within_sla": "no", "business_seconds": "7200"]),
            ("lead.rejected", 130, ["reason": "not_icp"]),
        ]
        events[3] = [
            ("lead.received", 0, ["source": "api", "completeness": "25"]), ("lead.qualified", 0, [:]),
            ("lead.assigned", 0, ["owner": "lukas", "due": Timestamp.text(at(minutes: 60))]),
        ]
        events[4] = [arrival, ("lead.remediation", 0, [:])]
        return events.keys.sorted().map { id in
            LeadJourney(leadID: id, events: events[id]!.enumerated().map { index, step in
                Event(
                    sequence: Int64(index), type: step.0, subject: "lead:\(id)", actor: step.0 == "lead.first_touch" ? "ana" : "system",
                    at: at(minutes: step.1), policyVersion: 1, payload: JSONText.object(step.2))
            })
        }
    }()

    @Test("shares, spreads and delays match the hand-computed figures")
    func figures() {
        let metrics = LeadMetrics(Self.history, asOf: Self.at(minutes: 180))
        #expect(metrics.leads == 4)
        #expect(metrics.leadToMQL == Share(3, of: 4))
        #expect(metrics.acceptance == Share(1, of: 2))
        #expect(metrics.rejectionReasons == [Tally("not_icp", 1)])
        #expect(metrics.speedToLeadWall.median == 75.5 && metrics.speedToLeadWall.p90 == 120)
        #expect(metrics.speedToLeadBusiness.median == 75.5 && metrics.speedToLeadBusiness.count == 2)
        #expect(metrics.neverTouched == Share(1, of: 3))
        #expect(metrics.responseSLA == Share(1, of: 3))
        #expect(metrics.systemDelay.median == 2 && metrics.systemDelay.count == 2)
        #expect(metrics.humanDelay.median == 73.5 && metrics.humanDelay.p90 == 117)
        #expect(metrics.mqlToSQL == Share(1, of: 3))
        #expect(metrics.sqlToOpportunity == Share(1, of: 1))
        #expect(metrics.conversion == Share(1, of: 4))
        #expect(metrics.contextCompleteness == 50)
    }

    @Test("a lead not yet due is not counted as never touched")
    func notYetDue() {
        let metrics = LeadMetrics(Self.history, asOf: Self.at(minutes: 30))
        // Lead 3 is due at 10:00; at 9:30 only the touched leads are due.
        #expect(metrics.neverTouched == Share(0, of: 2))
    }

    @Test("conversion by source, won deals by person and days to won")
    func conversionAndDeals() {
        let bySource = LeadConversion(Self.history, by: .source)
        #expect(bySource.rows.map(\.value) == ["(none)", "linkedin"])
        let linkedin = bySource.rows[1]
        #expect(linkedin.leads == 2 && linkedin.mqls == 2 && linkedin.accepted == 1 && linkedin.won == 1 && linkedin.wonAmount == 1000)
        #expect(linkedin.conversion.percent == 50)
        let deals = DealReport(Self.history)
        #expect(deals.dealsByPerson == [Tally("kim", 1)])
        // The CRM's close date is read from event text, to the millisecond.
        #expect(abs((deals.daysToWon.median ?? 0) - 10) < 0.000_001 && deals.daysToWon.count == 1)
    }

    @Test("the seam report finds where leads wait longest")
    func seams() {
        let report = SeamReport(Self.history)
        #expect(report.seams.map(\.to) == ["Received", "Validated", "Scored", "Routed", "Owner notified", "First touch"])
        #expect(report.slowest?.to == "First touch")
        #expect(report.slowest?.wait.median == 73.5)
    }

    @Test("an empty period has no figures, not zeros")
    func empty() {
        let metrics = LeadMetrics([], asOf: Self.nine)
        #expect(metrics.leadToMQL.percent == nil && metrics.speedToLeadWall.median == nil && metrics.contextCompleteness == nil)
        #expect(LeadReport([], from: Self.nine, to: Self.nine, segments: [.source], asOf: Self.nine).isEmpty)
    }

    @Test("the 90th percentile is nearest-rank, exact on ten values")
    func percentile() {
        let spread = Spread((1...10).map(Double.init))
        #expect(spread.p90 == 9 && spread.median == 5.5 && spread.mean == 5.5)
        #expect(Spread([4]).p90 == 4)
    }

    @Test("event times read back from their text to the millisecond")
    func timestamps() {
        for milliseconds in [0, 1, 123, 999] {
            let date = Date(timeIntervalSince1970: 1_800_000_000 + Double(milliseconds) / 1000)
            let text = Timestamp.text(date)
            #expect(Timestamp.date(text).map(Timestamp.text) == text)
        }
        #expect(Timestamp.date("2026-13-01T00:00:00.000Z") == nil && Timestamp.date("yesterday") == nil)
    }
}
