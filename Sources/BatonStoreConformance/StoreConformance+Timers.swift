import BatonCore
import BatonStore
import Foundation

extension StoreConformance {
    static let timerCases: [Case] = [
        Case(name: "claims are disjoint; a dead claimant's timers are taken over when its lease ends, and fire once") { store in
            let admitted = try await store.admitLeads((1...3).map { intake("lead\($0)@example.com") }, at: start, workflow: workflow)
            try expect(admitted.count == 3, "three leads")
            let late = start.addingTimeInterval(3700)  // at risk, breach and the reminder are due for all three: nine timers
            let dead = Claimant(id: "instance-a", lease: 60)
            let alive = Claimant(id: "instance-b", lease: 60)
            let held = try await store.claimDueTimers(.leads, at: late, limit: 4, by: dead)
            try expect(held.count == 4, "a claim takes at most its limit, found \(held.count)")
            try expect(held.map(\.timer.due) == held.map(\.timer.due).sorted(), "soonest first")
            let rest = try await store.claimDueTimers(.leads, at: late, limit: 100, by: alive)
            try expect(rest.count == 5 && Set(rest.map(\.id)).isDisjoint(with: held.map(\.id)), "the other claimant gets the rest, found \(rest.count)")
            try expect(try await store.claimDueTimers(.work, at: late, limit: 100, by: alive).isEmpty, "work claims never take lead timers")
            try expect(try await store.fireClaimedTimers(rest, by: alive, at: late) { timer, lead, state in workflow.fire(timer, on: &lead, state: &state, at: late) } == 5, "b fires its own")
            // Instance a dies holding four timers: nobody may take them before the lease ends, anyone after.
            try expect(try await store.nextTimerDue() == late.addingTimeInterval(60), "the next claimable time is the lease's end")
            try expect(try await store.claimDueTimers(.leads, at: late.addingTimeInterval(59), limit: 100, by: alive).isEmpty, "held until the lease ends")
            let afterLease = late.addingTimeInterval(61)
            let taken = try await store.claimDueTimers(.leads, at: afterLease, limit: 100, by: alive)
            try expect(Set(taken.map(\.id)) == Set(held.map(\.id)), "b takes over what a held")
            let firedByB = try await store.fireClaimedTimers(taken, by: alive, at: afterLease) { timer, lead, state in
                workflow.fire(timer, on: &lead, state: &state, at: afterLease)
            }
            try expect(firedByB == 4, "b fires the four it took over, found \(firedByB)")
            let firedByA = try await store.fireClaimedTimers(held, by: dead, at: afterLease) { timer, lead, state in
                workflow.fire(timer, on: &lead, state: &state, at: afterLease)
            }
            try expect(firedByA == 0, "a woken late fires nothing it lost, found \(firedByA)")
            var breaches = 0
            for lead in admitted { breaches += try await store.leadEvents(id: lead.lead.id).filter { $0.type == "lead.sla_breached" }.count }
            try expect(breaches == 3, "one breach event per lead, found \(breaches)")
        },
    ]
}
