import BatonCore
import BatonStore
import Foundation

extension DemoHistory {
    /// The lead history at the scale of a large team, for the report benchmarks (`baton bench report-data`): `total`
    /// leads spread over the ten-minute slots of `days` days before `now` (four times as many in working hours,
    /// Monday to Friday 08:00–19:00 UTC, as at night, half that at weekends), from about `companies` companies.
    ///
    /// Each slot's arrivals are admitted in one batch, and each lead's plan — the same as `generate`'s — is applied
    /// in one change: its steps in order, each at its own time, in one transaction. SLA timers do not fire on the way
    /// (a late first touch is late in every figure, but no breach is announced), which is what makes a million leads
    /// take minutes instead of hours.
    func generateInBulk(leads total: Int, companies: Int) async throws -> Int {
        var generator = SeededGenerator(seed: 2027)
        let slots = Self.slots(days: days, before: now)
        let weights = slots.map(\.weight).reduce(0, +)
        var admitted = 0
        for slot in slots {
            let expected = Double(total) * slot.weight / weights
            let count = Int(expected) + (Double.random(in: 0..<1, using: &generator) < expected - expected.rounded(.down) ? 1 : 0)
            guard count > 0 else { continue }
            let intakes = (0..<count).map { index in
                let submission = DemoLeads.submission(at: slot.start, lead: admitted + index, companies: companies, using: &generator)
                return LeadIntake(submission: submission, idempotencyKey: nil, actor: "demo:\(submission.source)")
            }
            for admission in try await store.admitLeads(intakes, at: slot.start, workflow: workflow) where admission.outcome == .created {
                try await applyPlan(of: admission.lead, at: slot.start, using: &generator)
            }
            admitted += count
        }
        return admitted
    }

    /// A ten-minute slot of arrivals and how many leads it gets relative to the others.
    private struct Slot {
        let start: Date
        let weight: Double
    }

    private static func slots(days: Int, before now: Date) -> [Slot] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let first = calendar.startOfDay(for: now.addingTimeInterval(-Double(days) * 86_400))
        return (0..<(days * 144)).compactMap { index in
            let start = first.addingTimeInterval(Double(index) * 600)
            guard start < now else { return nil }
            let hour = calendar.component(.hour, from: start)
            let weight = calendar.isDateInWeekend(start) ? 0.5 : (8..<19).contains(hour) ? 4 : 1
            return Slot(start: start, weight: weight)
        }
    }

    /// Applies a new lead's planned steps that fall before `now` in one change; a corrected lead is planned again.
    private func applyPlan(of lead: LeadRecord, at time: Date, using generator: inout SeededGenerator) async throws {
        let steps = plan(lead, at: time, using: &generator).filter { $0.at < now }.sorted { $0.at < $1.at }
        guard let last = steps.last else { return }
        let workflow = self.workflow
        let changed = try await store.changeLead(id: lead.id, at: last.at) { lead, state in
            var change = LeadChange()
            for step in steps {
                // A step the lead no longer allows is skipped, as the demo's one-by-one steps are.
                var (trial, trialState) = (lead, state)
                guard let stepChange = try? step.act(workflow, &trial, &trialState, step.at) else { continue }
                (lead, state) = (trial, trialState)
                change.append(stepChange)
            }
            return change
        }
        if steps.contains(where: \.replan) { try await applyPlan(of: changed, at: last.at, using: &generator) }
    }
}
