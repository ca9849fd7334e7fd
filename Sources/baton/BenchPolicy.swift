import BatonCore
import Foundation

/// Generated inputs for `baton bench`: a large routing policy, random leads and a CSV in HubSpot's export shape.
enum BenchPolicy {
    static let countries = ["DE", "FR", "GB", "ES", "IT", "NL", "SE", "PL", "AT", "CH", "US", "CA", "MX", "BR", "AU", "JP", "IN", "SG", "IE", "PT"]
    static let industries = ["Software", "Retail", "E-commerce", "Financial services", "Healthcare", "Media", "Manufacturing", "Education"]

    /// `people` sales reps in pools of 10, and `rules` rules on country and company size (the last ones match most
    /// leads, so a decision usually tests many rules), a fallback queue, a 24/7 calendar.
    static func large(people count: Int, rules ruleCount: Int, responseMinutes: Int = 60) -> Policy {
        let always = BusinessCalendar(
            id: "always", name: "Always", timeZone: "UTC",
            workingHours: Weekday.allCases.map { WorkingDay(day: $0, start: ClockTime(hour: 0, minute: 0), end: ClockTime(hour: 24, minute: 0)) },
            holidays: [])
        let people = (0..<count).map { index in
            Person(id: "rep\(index)", name: "Rep \(index)", email: "rep\(index)@bench.example", team: "sales", roles: ["sdr"], access: .salesRep)
        }
        let pools = stride(from: 0, to: count, by: 10).map { start in
            RoutingPool(id: "pool\(start / 10)", label: "Pool \(start / 10)", members: (start..<min(start + 10, count)).map {
                PoolMember(person: "rep\($0)", weight: 1 + $0 % 3, capacity: 100_000)
            })
        }
        let rules = (0..<ruleCount).map { index in
            RoutingRule(
                id: "rule\(index)", label: "Rule \(index)",
                conditions: [
                    .oneOf(fact: "country", values: [countries[index % countries.count]]),
                    .range(fact: "company_size", min: Double(index * 25), max: nil),
                ],
                target: .pool(pools[index % pools.count].id))
        }
        return Policy(
            organization: "Bench", calendars: [always], teams: [Team(id: "sales", name: "Sales", calendar: "always")],
            roles: [Role(id: "sdr", name: "SDR", team: "sales")], people: people,
            handoffs: [
                Handoff(
                    id: "H1", name: "MQL to SDR", from: "sdr", to: "sdr", item: .lead, raci: RACI(responsible: ["sdr"], accountable: ["sdr"]),
                    channel: Channel(kind: .thread),
                    sla: HandoffSLA(calendar: "always", response: BusinessDuration(responseMinutes, .minutes), completion: nil, escalation: []))
            ],
            leads: LeadPolicy(
                sources: ["api", "csv_import"],
                fields: ["email", "last_name", "company", "country", "company_size", "industry"].map { LeadField(id: $0, label: $0, required: $0 == "email") },
                responseTiers: [ResponseTier(id: "standard", label: "Standard", when: "every lead", response: BusinessDuration(responseMinutes, .minutes))],
                pools: pools, routingRules: rules, fallback: "queue:triage", rejectionReasons: ["not_icp"], dispositions: ["converted"]))
    }

    static func facts(using generator: inout SeededGenerator) -> RoutingFacts {
        RoutingFacts(
            text: ["country": countries.randomElement(using: &generator)!, "region": "emea", "industry": industries.randomElement(using: &generator)!],
            numbers: ["company_size": Double(Int.random(in: 1...6000, using: &generator))])
    }

    static func submission(_ index: Int, using generator: inout SeededGenerator) -> LeadSubmission {
        LeadSubmission(source: "api", fields: [
            "email": "lead\(index)@company\(index).example", "last_name": "Lead \(index)", "company": "Company \(index)",
            "country": countries.randomElement(using: &generator)!, "company_size": String(Int.random(in: 1...6000, using: &generator)),
            "industry": industries.randomElement(using: &generator)!,
        ])
    }

    /// A HubSpot-style export of `rows` leads for the example policy: most fit and are sales-ready, some do not.
    static func csv(rows: Int) -> String {
        var generator = SeededGenerator(seed: 3)
        let titles = ["Head of Analytics", "Marketing Manager", "CTO", "Data Engineer", "VP Sales", "Analyst", "Founder"]
        let activities = ["demo_request", "pricing_page_visit", "download", "webinar_attended", "email_click"]
        var lines = ["Email,First Name,Last Name,Company Name,Job Title,Country/Region,Industry,Number of Employees,Marketing contact status,activity_kind,activity_at"]
        lines.reserveCapacity(rows + 1)
        for index in 0..<rows {
            let country = countries.randomElement(using: &generator)!
            lines.append([
                "person\(index)@firm\(index).example", "Alex", "Person \(index)", "Firm \(index)", titles.randomElement(using: &generator)!, country,
                industries.randomElement(using: &generator)!, String(Int.random(in: 5...4000, using: &generator)), "Marketing contact",
                activities.randomElement(using: &generator)!, "2026-11-2\(index % 9 + 1)T10:00:00Z",
            ].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
