@testable import BatonCore
import BatonPolicy
import BatonTestSupport
import Foundation
import Testing

/// A backtest routes on a ledger by position (`RoutingLedger`); the intake on a state by name (`RoutingState`). The
/// two must decide every lead alike.
@Suite("Routing ledger")
struct RoutingLedgerTests {
    @Test("a ledger by position routes a week of leads as a state by name: owners, queues, who was passed over and why")
    func sameDecisions() throws {
        // Small capacities, so that people fill up; a person listed twice, who has one credit and one load.
        let text = try examplePolicyText()
            .replacingOccurrences(
                of: "      capacity: 60\n      members: [{ person: ana, weight: 2 }, lukas]",
                with: "      capacity: 4\n      members: [{ person: ana, weight: 2 }, lukas, { person: ana, weight: 1 }]")
            .replacingOccurrences(of: "capacity: 60", with: "capacity: 3")
        let router = LeadRouter(policy: try PolicyLoader.parse(text, file: "policy.yaml").policy)
        var (state, ledger) = (RoutingState(), router.ledger())
        let start = Date(timeIntervalSince1970: 1_794_268_800)  // Tuesday 10 November 2026, 00:00 UTC
        let companies = ["contoso.com", "kaufhaus-nord.de", "fabrikam.com", "brightloop.io", "initech.de"]
        var owners: Set<String> = [], skips = 0
        for index in 0..<300 {
            let (country, region) = [("DE", "emea"), ("US", "na"), ("CA", "na"), ("FR", "emea"), ("BR", "latam")][index % 5]
            let facts = RoutingFacts(
                text: ["country": country, "region": region], numbers: ["company_size": Double([400, 20, 1200][index % 3])],
                companyDomain: companies[index % companies.count])
            let at = start.addingTimeInterval(Double(index) * 37 * 60)
            if index % 50 == 49 { state.absent = ["lukas"] } else if index % 50 == 0 { state.absent = [] }
            ledger.setAbsent(state.absent)
            // Now and then a lead closes: the same person's load drops in both.
            if index % 7 == 6, let person = state.openLeads.first(where: { $0.value > 0 })?.key {
                state.openLeads[person]! -= 1
                ledger.closeLead(of: ledger.people[person]!)
            }
            let byName = router.explain(router.choose(facts, at: at, state: &state))
            let byPosition = router.explain(router.choose(facts, at: at, book: &ledger))
            #expect(byName == byPosition, "lead \(index)")
            owners.formUnion(byName.owner.map { [$0] } ?? [])
            skips += byName.skipped.count
        }
        #expect(owners.isSuperset(of: ["ana", "lukas", "jordan", "priya"]) && skips > 0)
        for (person, open) in state.openLeads { #expect(ledger.open[ledger.people[person]!] == open, "\(person)'s open leads") }
    }
}
