import BatonCore
import BatonStore
import Foundation

/// About 90 days of lead history for `baton demo`, so a newcomer sees a working team, not empty pages: a few thousand
/// leads from every source, scored and routed by the policy, the triage queue emptied by a manager, first touches
/// (a tenth late enough to breach), acceptances, rejections, dispositions and later changes to them, remediation
/// cases mostly corrected by ops, nurture; old leads are closed, and today's queue holds the last days' open leads.
///
/// It is a small simulation: every step goes through the same workflow and store as the live server, at the time it
/// happened, and due SLA timers fire as the simulated clock passes them.
struct DemoHistory {
    let store: any BatonStorage
    let workflow: LeadWorkflow
    let now: Date
    var days = 90
    var leadsPerWorkingDay = 40

    /// One rep action waiting for its time.
    struct Step {
        let at: Date
        let lead: Int64
        /// Plan what follows from the lead as this step leaves it (a corrected lead is decided again).
        var replan = false
        let act: @Sendable (LeadWorkflow, inout LeadRecord, inout RoutingState, Date) throws -> LeadChange
    }

    func generate() async throws -> Int {
        var generator = SeededGenerator(seed: 2026)
        var steps: [Step] = []
        var admitted = 0
        let calendar = Calendar(identifier: .gregorian)
        let start = calendar.startOfDay(for: now.addingTimeInterval(-Double(days) * 86400))
        for day in 0..<days {
            let midnight = start.addingTimeInterval(Double(day) * 86400)
            guard !calendar.isDateInWeekend(midnight) else { continue }
            let arrivals = (0..<Int.random(in: leadsPerWorkingDay / 2...leadsPerWorkingDay * 3 / 2, using: &generator)).map { _ in
                midnight.addingTimeInterval(Double.random(in: 6 * 3600...20 * 3600, using: &generator))
            }.sorted()
            for at in arrivals where at < now {
                try await runSteps(before: at, &steps, using: &generator)
                let submission = DemoLeads.submission(at: at, using: &generator)
                let intake = LeadIntake(submission: submission, idempotencyKey: nil, actor: "demo:\(submission.source)")
                guard let lead = try await store.admitLeads([intake], at: at, workflow: workflow).first?.lead else { continue }
                admitted += 1
                steps += plan(lead, at: at, using: &generator).filter { $0.at < now }
            }
        }
        try await runSteps(before: now, &steps, using: &generator)
        return admitted
    }

    /// What the team does with a new lead, as a working team does it: a manager assigns what waits in the triage
    /// queue within a working day; owners touch most leads in time (some late, a few from the last day or two not
    /// yet); every touched lead is rejected or gets a disposition within days, and some "working" ones later turn
    /// into "converted" or "no_response". Steps due after now have not happened yet: that is today's queue.
    func plan(_ lead: LeadRecord, at: Date, using generator: inout SeededGenerator) -> [Step] {
        var steps: [Step] = []
        var start = at
        var allowed: TimeInterval
        if lead.status == .remediation {
            // Ops correct most held leads within a couple of days; the rest still wait.
            guard Double.random(in: 0..<1, using: &generator) < 0.85 else { return [] }
            let fixed = ["email": lead.fields["email"]?.replacingOccurrences(of: "@@", with: "@") ?? "", "job_title": lead.fields["job_title"] ?? "Head of Data"]
            return [Step(at: at.addingTimeInterval(Double.random(in: 2 * 3600...2 * 86400, using: &generator)), lead: lead.id, replan: true) { workflow, lead, state, time in
                try workflow.resubmit(&lead, fields: fixed, state: &state, by: "tomas", at: time)
            }]
        }
        if lead.owner == nil, [.queued, .unrouted].contains(lead.status) {
            let reps = ["ana", "lukas", "jordan", "priya"]
            let rep = reps.randomElement(using: &generator)!
            start = at.addingTimeInterval(Double.random(in: 1800...8 * 3600, using: &generator))
            steps.append(Step(at: start, lead: lead.id) { workflow, lead, _, time in
                try workflow.reassign(&lead, to: rep, because: "assigned from the triage queue", by: "sam", at: time)
            })
            // The rep's clock starts at the assignment: the lead's tier says how long they have (a working day at most).
            let response = workflow.pipeline.policy.leads?.responseTiers.first { $0.id == lead.tier }?.response
            allowed = response.map { Double($0.amount) * (($0.unit == .minutes) ? 60 : ($0.unit == .hours) ? 3600 : 8 * 3600) } ?? 4 * 3600
        } else if lead.owner != nil, let due = lead.responseDue {
            allowed = due.timeIntervalSince(at)
        } else {
            return []
        }
        let roll = Double.random(in: 0..<1, using: &generator)
        // Not touched yet: only a few of the newest leads.
        if roll > 0.97, now.timeIntervalSince(at) < 2 * 86400 { return steps }
        // One in ten is touched late: after the deadline, before the escalation that would move it (an hour later).
        let touchAt = roll < 0.9
            ? start.addingTimeInterval(max(allowed, 300) * Double.random(in: 0.05...0.9, using: &generator))
            : (lead.responseDue.map { max($0, start) } ?? start.addingTimeInterval(allowed)).addingTimeInterval(Double.random(in: 60...2400, using: &generator))
        let channel = LeadTouch.channels.randomElement(using: &generator)!
        steps.append(Step(at: touchAt, lead: lead.id) { workflow, lead, _, time in
            try workflow.recordFirstTouch(&lead, channel: channel, note: nil, by: lead.owner ?? "demo", at: time)
        })
        let outcome = Double.random(in: 0..<1, using: &generator)
        let decidedAt = touchAt.addingTimeInterval(Double.random(in: 2 * 3600...5 * 86400, using: &generator))
        if outcome < 0.15 {
            let reason = (workflow.pipeline.policy.leads?.rejectionReasons ?? ["not_icp"]).randomElement(using: &generator)!
            steps.append(Step(at: decidedAt, lead: lead.id) { workflow, lead, _, time in
                try workflow.reject(&lead, reason: reason, note: nil, by: lead.owner ?? "demo", at: time)
            })
            return steps
        }
        steps.append(Step(at: touchAt.addingTimeInterval(600), lead: lead.id) { workflow, lead, _, time in
            try workflow.accept(&lead, by: lead.owner ?? "demo", at: time)
        })
        steps += opportunity(for: lead, acceptedAt: touchAt.addingTimeInterval(600), using: &generator)
        let disposition = ["converted", "working", "working", "no_response", "bad_fit"].randomElement(using: &generator)!
        steps.append(Step(at: decidedAt, lead: lead.id) { workflow, lead, _, time in
            try workflow.recordDisposition(&lead, disposition, by: lead.owner ?? "demo", at: time)
        })
        if disposition == "working" {
            let final = ["converted", "converted", "no_response", "bad_fit"].randomElement(using: &generator)!
            steps.append(Step(at: decidedAt.addingTimeInterval(Double.random(in: 2 * 86400...14 * 86400, using: &generator)), lead: lead.id) { workflow, lead, _, time in
                try workflow.recordDisposition(&lead, final, by: lead.owner ?? "demo", at: time)
            })
        }
        return steps
    }

    /// What the CRM reports back for an accepted lead (H3): about half open an opportunity within two weeks; of
    /// those about half are won and a third lost within six weeks, the rest still open.
    private func opportunity(for lead: LeadRecord, acceptedAt: Date, using generator: inout SeededGenerator) -> [Step] {
        guard Double.random(in: 0..<1, using: &generator) < 0.5 else { return [] }
        let openedAt = acceptedAt.addingTimeInterval(Double.random(in: 86400...14 * 86400, using: &generator))
        let amount = (Double.random(in: 6...90, using: &generator)).rounded() * 1000
        var outcome = LeadOutcome(
            origin: "salesforce", reference: "006DEMO\(lead.id)", stage: .opportunity, amount: amount, currency: "EUR", openedAt: openedAt,
            people: [lead.owner ?? "sam"], name: "\(lead.fields["company"] ?? "Lead \(lead.id)") — platform")
        var steps = [Step(at: openedAt, lead: lead.id) { [outcome] workflow, lead, _, time in workflow.recordOutcome(&lead, outcome, by: "salesforce", at: time) }]
        let roll = Double.random(in: 0..<1, using: &generator)
        guard roll < 0.8 else { return steps }
        let closedAt = openedAt.addingTimeInterval(Double.random(in: 7 * 86400...42 * 86400, using: &generator))
        outcome.stage = roll < 0.5 ? .won : .lost
        outcome.closedAt = closedAt
        steps.append(Step(at: closedAt, lead: lead.id) { [outcome] workflow, lead, _, time in workflow.recordOutcome(&lead, outcome, by: "salesforce", at: time) })
        return steps
    }

    /// Fires due SLA timers and runs planned steps in time order, up to `time`.
    private func runSteps(before time: Date, _ steps: inout [Step], using generator: inout SeededGenerator) async throws {
        steps.sort { $0.at < $1.at }
        while let next = steps.first, next.at <= time {
            steps.removeFirst()
            try await fireTimers(upTo: next.at)
            let act = next.act
            let done = try? await store.changeLead(id: next.lead, at: next.at) { lead, state in try act(workflow, &lead, &state, next.at) }
            if next.replan, let lead = done {
                steps += plan(lead, at: next.at, using: &generator).filter { $0.at < now }
                steps.sort { $0.at < $1.at }
            }
        }
        try await fireTimers(upTo: time)
    }

    private func fireTimers(upTo time: Date) async throws {
        while let due = try await store.nextTimerDue(), due <= time {
            let workflow = self.workflow
            _ = try await store.fireDueTimers(at: due, limit: 100) { timer, lead, state in workflow.fire(timer, on: &lead, state: &state, at: due) }
        }
    }
}

/// Believable leads for the demo: the example policy's markets, sources and behaviours.
enum DemoLeads {
    static let firstNames = ["Maren", "Jonas", "Lea", "Tim", "Ida", "Rosa", "Piet", "Chloé", "Marco", "Sofia", "Liam", "Emma", "Noah", "Ava", "Kenji", "Priya"]
    static let lastNames = ["Weber", "Brandt", "Kraus", "Vogel", "Lang", "Martín", "Jansen", "Dubois", "Rossi", "Berg", "Smith", "Jones", "Brown", "Garcia", "Sato", "Rao"]
    static let companies: [(name: String, domain: String, country: String)] = [
        ("Kaufhaus Nord", "kaufhaus-nord.de", "DE"), ("Stadtwerk Süd", "stadtwerk-sued.de", "DE"), ("Tiendas Sol", "tiendas-sol.es", "ES"),
        ("Jansen BV", "jansen.nl", "NL"), ("Maison Claire", "maison-claire.fr", "FR"), ("Moda Milano", "modamilano.it", "IT"),
        ("Contoso", "contoso.com", "US"), ("Fabrikam", "fabrikam.com", "US"), ("Initech", "initech.de", "DE"), ("Northwind Traders", "nwtraders.ca", "CA"),
        ("Bluebird Health", "bluebird-health.com", "US"), ("Aurora Media", "aurora-media.co.uk", "GB"), ("Fjord Retail", "fjordretail.se", "SE"),
        ("Tiny Studio", "tinystudio.io", "PT"), ("Sakura Foods", "sakura-foods.jp", "JP"),
    ]
    static let titles = ["Head of Analytics", "Marketing Manager", "CTO", "Data Engineer", "VP Marketing", "Analyst", "Founder", "Student", "Director of E-commerce"]
    static let industries = ["Software", "Retail", "E-commerce", "Financial services", "Healthcare", "Media", "Manufacturing"]
    static let sources = ["hubspot", "hubspot", "web_form", "salesforce", "csv_import", "api"]
    static let campaigns = ["NWA-2609-webinar-attribution", "NWA-2610-pricing-retarget", "NWA-2611-retail-demo", "NWA-2611-guide-data-quality"]
    static let activities: [(kind: String, title: String, minutes: ClosedRange<Double>?)] = [
        ("demo_request", "Request a demo", nil), ("contact_request", "Contact sales", nil), ("pricing_page_visit", "Pricing", nil),
        ("webinar_attended", "Attribution that finance trusts (webinar)", 5...55), ("download", "State of Analytics 2026 (PDF)", nil),
        ("email_click", "Newsletter: cohort reports", nil),
    ]

    /// Markets of the bulk history's companies: mostly the two pools' regions, some that only the triage queue takes.
    static let markets = ["DE", "DE", "FR", "GB", "GB", "ES", "NL", "IT", "SE", "US", "US", "US", "CA", "JP", "BR", "AU"]

    /// A lead of the bulk history: a demo lead from one of `companies` companies (a few of them named accounts), with
    /// an address of its own (`lead` numbers it) so that people are not merged by chance.
    static func submission(at time: Date, lead: Int, companies: Int, using generator: inout SeededGenerator) -> LeadSubmission {
        var submission = submission(at: time, using: &generator)
        let number = Int.random(in: 1...max(companies, 1), using: &generator)
        guard number % 50 != 0 else { return submission }  // one in fifty keeps a demo company, named accounts included
        let domain = "firm\(number).example"
        let typo = submission.fields["email"]?.contains("@@") == true
        submission.fields["email"] = "\(submission.fields["first_name"]?.lowercased().folding(options: .diacriticInsensitive, locale: nil) ?? "lead").\(lead)@\(typo ? "@" : "")\(domain)"
        submission.fields["company"] = "Firm \(number)"
        submission.fields["country"] = markets[number % markets.count]
        submission.fields["company_size"] = String(number % 7 == 0 ? 12 : 50 + number % 2950)
        submission.sourceID = "bulk-\(lead)"
        return submission
    }

    static func submission(at time: Date, using generator: inout SeededGenerator) -> LeadSubmission {
        let company = companies.randomElement(using: &generator)!
        let first = firstNames.randomElement(using: &generator)!
        let last = lastNames.randomElement(using: &generator)!
        let unique = Int.random(in: 1...999_999, using: &generator)
        var email = "\(first.lowercased().folding(options: .diacriticInsensitive, locale: nil)).\(unique)@\(company.domain)"
        let quality = Double.random(in: 0..<1, using: &generator)
        if quality < 0.04 { email = email.replacingOccurrences(of: "@", with: "@@") }  // a typo: remediation
        var fields = [
            "email": email, "first_name": first, "last_name": last, "company": company.name, "country": company.country,
            "job_title": titles.randomElement(using: &generator)!, "industry": industries.randomElement(using: &generator)!,
            "company_size": String(company.domain == "tinystudio.io" ? 6 : Int.random(in: 20...3000, using: &generator)),
            "consent_email": quality > 0.97 ? "no" : "yes", "utm_source": ["linkedin", "google", "newsletter", "partner"].randomElement(using: &generator)!,
            "utm_medium": ["paid_social", "cpc", "email", "referral"].randomElement(using: &generator)!,
            "utm_campaign": campaigns.randomElement(using: &generator)!,
        ]
        if quality > 0.04 && quality < 0.07 { fields["job_title"] = nil }  // a missing required field: remediation
        let count = Int.random(in: 1...3, using: &generator)
        let actions = (0..<count).map { index -> LeadActivity in
            let activity = index == count - 1 && Double.random(in: 0..<1, using: &generator) < 0.3
                ? activities[Int.random(in: 0...1, using: &generator)] : activities.randomElement(using: &generator)!
            return LeadActivity(
                kind: activity.kind, at: time.addingTimeInterval(-Double(count - index) * Double.random(in: 600...86400, using: &generator)),
                title: activity.title, url: "https://northwind.example/\(activity.kind.replacingOccurrences(of: "_", with: "-"))",
                minutes: activity.minutes.map { Double.random(in: $0, using: &generator).rounded() })
        }
        return LeadSubmission(source: sources.randomElement(using: &generator)!, sourceID: "demo-\(unique)", submittedAt: time.addingTimeInterval(-30), fields: fields, activities: actions)
    }
}
