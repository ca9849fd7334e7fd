import BatonCore
import BatonStore
import Foundation

extension StoreConformance {
    /// A small work policy on the 24/7 UTC calendar: a post is written by one of two writers (capacity 2) and handed
    /// at H1 (exit and entry check: a draft link) to the designer, then reviewed by the brand reviewer.
    static let workPolicy: Policy = {
        var policy = leadPolicy
        policy.teams.append(Team(id: "marketing", name: "Marketing", calendar: "always"))
        policy.roles += [
            Role(id: "writer", name: "Writer", team: "marketing", capacity: 2), Role(id: "designer", name: "Designer", team: "marketing"),
            Role(id: "brand", name: "Brand reviewer", team: "marketing"),
        ]
        policy.people += [
            Person(id: "maya", name: "Maya", email: "maya@example.com", team: "marketing", roles: ["writer"], access: .marketer, manager: "ines"),
            Person(id: "jonas", name: "Jonas", email: "jonas@example.com", team: "marketing", roles: ["writer"], access: .marketer, manager: "ines"),
            Person(id: "ines", name: "Ines", email: "ines@example.com", team: "marketing", roles: [], access: .marketer),
            Person(id: "kenji", name: "Kenji", email: "kenji@example.com", team: "marketing", roles: ["designer"], access: .marketer),
            Person(id: "claire", name: "Claire", email: "claire@example.com", team: "marketing", roles: ["brand"], access: .reviewer),
        ]
        policy.reviewStages = [ReviewStage(id: "brand", name: "Brand review", approvers: ["brand"], sla: BusinessDuration(4, .hours), checklist: ["Voice"])]
        policy.assetTypes = [AssetType(
            id: "post", name: "Post",
            brief: [
                BriefField(id: "title", label: "Title", type: .text, required: true),
                BriefField(id: "deadline", label: "Deadline", type: .date, required: false),
            ],
            reviews: [ReviewStep(stage: "brand")])]
        let draft = Check(.present(field: "draft_link"), label: "Draft linked")
        policy.handoffs.append(Handoff(
            id: "H2", name: "Post to design", from: "writer", to: "designer", assetTypes: ["post"], fields: ["draft_link"],
            failureModes: ["missing context"], raci: RACI(responsible: ["writer"], accountable: ["writer"]), entry: [draft], exit: [draft],
            channel: Channel(kind: .thread),
            sla: HandoffSLA(calendar: "always", response: BusinessDuration(2, .hours), completion: BusinessDuration(1, .days), escalation: [
                EscalationLevel(after: BusinessDuration(0, .minutes), action: .remind, notify: ["owner"])
            ])))
        policy.projectTemplates = [ProjectTemplate(assetType: "post", steps: [
            TemplateStep(id: "write", name: "Write", role: "writer", days: 1, handoff: "H2"),
            TemplateStep(id: "design", name: "Design", role: "designer", days: 1, after: ["write"]),
        ])]
        return policy
    }()

    static let work = WorkWorkflow(policy: workPolicy, policyVersion: 1)

    /// Creates a post titled `title` at `at`.
    @discardableResult
    static func createPost(_ store: any BatonStorage, _ title: String, at: Date = start, by requester: String = "ines") async throws -> WorkItem {
        try await store.createWorkItem(at: at) { id, roster in
            let (item, change) = try work.create(WorkRequest(assetType: "post", fields: ["title": title]), id: id, by: requester, roster: &roster, at: at)
            return (item, change, work.summary(item))
        }
    }

    /// Applies one workflow action as one stored step.
    @discardableResult
    static func act(_ store: any BatonStorage, _ id: Int64, at: Date = start, _ action: @escaping @Sendable (inout WorkItem) throws -> WorkChange) async throws -> (WorkItem, WorkChange) {
        try await store.changeWorkItem(id: id, at: at) { item, _ in
            let change = try action(&item)
            return (change, work.summary(item))
        }
    }

    static let workCases: [Case] = [
        Case(name: "a work item is created with its tasks, events, timers and what waits on whom, in one step; a refused creation leaves nothing") { store in
            let item = try await createPost(store, "Lakehouse")
            try expect(try await store.workItem(id: item.id) == item, "the item reads back as created")
            let owner = try requireValue(item.tasks[0].owner, "the first step has an owner")
            try expect(try await store.workEvents(id: item.id).map(\.type).contains("work.requested"), "the request is an event")
            try expect(try await store.pendingWorkTimers(itemID: item.id).map(\.clock).allSatisfy { $0 == "task:write:response" }, "the response clock runs")
            let waiting = try await store.waitingWork(person: owner, limit: 10, offset: 0)
            try expect(waiting.map(\.waiting.kind) == [.accept] && waiting.first?.item.id == item.id, "the owner must accept, found \(waiting.map(\.waiting.kind))")
            try expect(try await store.countWaitingWork(person: owner) == 1, "one thing waits on the owner")
            do {
                _ = try await store.createWorkItem(at: start) { _, _ in throw Failure(description: "refused") }
            } catch is Failure {}
            try expect(try await store.countWorkItems(WorkQuery(limit: 10)) == 1, "a refused creation leaves no item")
            try expect(try await store.workItem(id: item.id + 1) == nil, "nor a row")
        },
        Case(name: "a change writes the item, its summary and timers; a refusal writes only its events; an unknown item is not_found") { store in
            let item = try await createPost(store, "Lakehouse")
            let owner = item.tasks[0].owner!
            let (accepted, _) = try await act(store, item.id) { try work.accept(&$0, step: "write", by: owner, at: start) }
            try expect(accepted.tasks[0].status == .active, "accepted")
            try expect(try await store.pendingWorkTimers(itemID: item.id).allSatisfy { $0.clock == "task:write:completion" }, "the response clock stopped, the completion clock runs")
            let (unchanged, blocked) = try await act(store, item.id) { try work.submit(&$0, step: "write", by: owner, at: start) }
            try expect(blocked.refusal?.code == "gate_failed", "the gate blocks")
            let stored = try await store.workItem(id: item.id)
            try expect(unchanged == accepted && stored == accepted, "a refused step changes nothing")
            try expect(try await store.workEvents(id: item.id).last?.type == "work.gate_failed", "the gate result is stored")
            do {
                _ = try await act(store, 999) { _ in WorkChange() }
                try expect(false, "an unknown item must throw")
            } catch let error as StoreError {
                try expect(error.code == "not_found", "not_found, found \(error.code)")
            }
            _ = try await act(store, item.id) { try work.updateFields(&$0, ["draft_link": "https://docs.google.com/d/1"], by: owner, at: start) }
            let (handed, _) = try await act(store, item.id) { try work.submit(&$0, step: "write", by: owner, at: start) }
            try expect(handed.tasks[1].status == .offered, "the designer is offered the work")
            try expect(try await store.waitingWork(person: "kenji", limit: 10, offset: 0).map(\.waiting.kind) == [.accept], "it waits on the designer")
            try expect(try await store.countWaitingWork(person: owner) == 0, "and no longer on the writer")
        },
        Case(name: "work timers fire once each, in their own step, and never touch leads' timers") { store in
            let item = try await createPost(store, "Timers")
            let lead = try await store.admitLeads([intake("t@example.com", name: "Tee")], at: start, workflow: workflow)[0].lead
            let later = start.addingTimeInterval(25 * 3600)
            let fired = try await store.fireDueWorkTimers(at: later, limit: 100) { timer, item, roster in
                (work.fire(timer, on: &item, roster: &roster, at: later), work.summary(item))
            }
            try expect(fired == 2, "at risk and breach of the brief's 1-day response clock, found \(fired)")
            let again = try await store.fireDueWorkTimers(at: later, limit: 100) { timer, item, roster in
                (work.fire(timer, on: &item, roster: &roster, at: later), work.summary(item))
            }
            try expect(again == 0, "a fired timer never fires twice")
            let types = try await store.workEvents(id: item.id).map(\.type)
            try expect(types.contains("work.sla_at_risk") && types.contains("work.sla_breached"), "at risk and breach recorded, found \(types)")
            try expect(try await !store.pendingTimers(leadID: lead.id).isEmpty, "the lead's timers are still pending")
        },
        Case(name: "round-robin credits and open tasks carry over between items; capacity is respected") { store in
            let first = try await createPost(store, "One")
            let second = try await createPost(store, "Two")
            try expect(Set([first.tasks[0].owner, second.tasks[0].owner]) == ["maya", "jonas"], "the writers take turns")
            let roster = try await store.workRoster(at: start)
            try expect(roster.openTasks["maya"] == 1 && roster.openTasks["jonas"] == 1, "one open task each, found \(roster.openTasks)")
            try await createPost(store, "Three")
            try await createPost(store, "Four")
            let fifth = try await createPost(store, "Five")
            try expect(fifth.tasks[0].owner == nil && fifth.tasks[0].assignedBecause.contains("at capacity"), "both writers at capacity 2: \(fifth.tasks[0].assignedBecause)")
        },
        Case(name: "work lists filter, search, sort and page exactly as WorkQuery.matches says") { store in
            for (index, title) in ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"].enumerated() {
                let item = try await createPost(store, title, at: start.addingTimeInterval(Double(index) * 600), by: index % 2 == 0 ? "ines" : "maya")
                if index % 3 == 1 {
                    _ = try await act(store, item.id, at: start.addingTimeInterval(600)) { item in
                        try work.accept(&item, step: "write", by: item.tasks[0].owner ?? "ines", at: start.addingTimeInterval(600))
                    }
                }
            }
            let all = try await store.workItems(WorkQuery(limit: 100))
            try expect(all.count == 6, "six items, found \(all.count)")
            let now = start.addingTimeInterval(5 * 3600)
            var queries: [WorkQuery] = []
            func add(_ change: (inout WorkQuery) -> Void) {
                var query = WorkQuery(limit: 100, now: now)
                change(&query)
                queries.append(query)
            }
            add { _ in }
            add { $0.statuses = [.inProgress] }
            add { $0.person = "maya" }
            add { $0.person = "claire" }
            add { $0.search = "gamma" }
            add { $0.search = "post ines" }
            add { $0.breached = true }
            add { $0.breached = false }
            add { $0.blocked = true }
            add { $0.assetTypes = ["post"] }
            add { $0.assetTypes = ["blog"] }
            add { $0.rush = false }
            add { $0.campaign = "none" }
            add { $0.changedSince = start.addingTimeInterval(600) }
            add { $0.changedSince = start.addingTimeInterval(2400) }
            for query in queries {
                let expected = Set(all.filter { query.matches($0, summary: work.summary($0)) }.map(\.id))
                let listed = try await store.workItems(query)
                try expect(Set(listed.map(\.id)) == expected, "\(query): listed \(listed.map(\.id).sorted()), expected \(expected.sorted())")
                try expect(try await store.countWorkItems(query) == expected.count, "count of \(query)")
                let rows = try await store.workRows(query)
                try expect(rows == listed.map { WorkRow(item: $0, summary: work.summary($0)) }, "rows of \(query) show what their items say, in the same order")
            }
            var byName = WorkQuery(limit: 2, now: now)
            byName.sort = .name
            byName.offset = 2
            try expect(try await store.workItems(byName).map(\.name) == all.map(\.name).sorted().dropFirst(2).prefix(2).map { $0 }, "the third and fourth by name")
            let counts = try await store.workCounts(WorkQuery(statuses: [.draft], limit: 1))
            try expect(counts[.inProgress] == 2 && counts[.requested] == 4, "counts per status ignore the status filter, found \(counts)")
        },
    ]

    static func requireValue<T>(_ value: T?, _ message: String) throws -> T {
        guard let value else { throw Failure(description: message) }
        return value
    }
}
