import BatonCore
import Foundation
import Testing

@Suite("SLA Timeline")
struct SLATimelineTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func event(_ type: String, after seconds: TimeInterval, _ payload: [String: String] = [:]) -> Event {
        let json = String(decoding: try! JSONEncoder().encode(payload), as: UTF8.self)
        return Event(sequence: 0, type: type, subject: "lead:1", actor: "ana", at: start.addingTimeInterval(seconds), policyVersion: nil, payload: json)
    }

    func stamp(_ seconds: TimeInterval) -> String { Timestamp.text(start.addingTimeInterval(seconds)) }

    @Test("a first touch after the deadline is late against the plan; fired timers show their lateness; what is left is planned")
    func plannedAgainstActual() {
        let events = [
            event("lead.received", after: 0),
            event("lead.assigned", after: 0, ["owner": "ana", "due": stamp(300)]),
            event("lead.sla_breached", after: 300.4, ["due": stamp(300)]),
            event("lead.first_touch", after: 420, ["channel": "call", "due": stamp(300), "disposition_due": stamp(86400)]),
        ]
        let pending = [PlannedTimer(kind: .dispositionDue, level: 0, due: start.addingTimeInterval(86400))]
        let steps = SLATimeline(events: events, pending: pending, now: start.addingTimeInterval(600)).steps
        #expect(steps.map(\.event) == ["lead.received", "lead.assigned", "lead.sla_breached", "lead.first_touch", "lead.disposition_due", "timer.disposition_due"])
        #expect(steps[0].state == .happened && steps[0].planned == nil)
        #expect(steps[2].state == .late && abs((steps[2].offset(now: start) ?? 0) - 0.4) < 0.001, "the breach was acted on 0.4 s after its deadline")
        #expect(steps[3].state == .late && steps[3].planned == start.addingTimeInterval(300) && steps[3].offset(now: start) == 120)
        #expect(steps[4].state == .upcoming && steps[4].planned == start.addingTimeInterval(86400))
    }

    @Test("a touch before the deadline is on time; a running clock past its deadline is overdue")
    func onTimeAndOverdue() {
        let touched = SLATimeline(events: [
            event("lead.assigned", after: 0, ["due": stamp(300)]), event("lead.first_touch", after: 200, ["due": stamp(300)]),
        ], pending: [], now: start.addingTimeInterval(400)).steps
        #expect(touched.map(\.state) == [.happened, .onTime])
        let waiting = SLATimeline(events: [event("lead.assigned", after: 0, ["due": stamp(300)])], pending: [], now: start.addingTimeInterval(400)).steps
        #expect(waiting.last?.event == "lead.first_touch_due" && waiting.last?.state == .overdue)
    }
}
