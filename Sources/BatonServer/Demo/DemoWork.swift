import BatonCore
import BatonStore
import Foundation

/// About 90 days of marketing work for `baton demo`: a few hundred items across asset types and campaigns, moved
/// along by the people the policy names, as a working team does — some returned at gates, some rush items and
/// bypasses, rework rounds, late reviews — so that today shows items in every state.
///
/// Like `DemoHistory`, it is a small simulation: every step goes through the same workflow and store as the live
/// server, at a working time of the person acting, and due SLA timers fire as the simulated clock passes them.
public struct DemoWork {
    let store: any BatonStorage
    let workflow: WorkWorkflow
    let now: Date
    var days = 90
    var itemsPerWorkingDay = 4

    var policy: Policy { workflow.policy }

    /// Who asks for work, by asset type.
    static let requesters: [String: [String]] = [
        "blog": ["ines", "dev"], "case-study": ["ines"], "landing-page": ["dev"], "ad-set": ["dev"], "email-nurture": ["sofia", "tomas"],
        "webinar": ["dev", "ines"],
    ]
    static let campaigns = ["NW-26Q3-ATTRIBUTION", "NW-26Q4-RETAIL", "NW-26Q4-DATAQUALITY", "NW-27Q1-LAKEHOUSE"]

    /// Generates the history; returns how many items it made.
    func generate() async throws -> Int {
        var generator = SeededGenerator(seed: 2027)
        var queue: [Entry] = []
        var made = 0
        let calendar = Calendar(identifier: .gregorian)
        let start = calendar.startOfDay(for: now.addingTimeInterval(-Double(days) * 86400))
        for day in 0..<days {
            let midnight = start.addingTimeInterval(Double(day) * 86400)
            guard !calendar.isDateInWeekend(midnight) else { continue }
            let count = Int.random(in: max(1, itemsPerWorkingDay / 2)...(itemsPerWorkingDay * 3 / 2), using: &generator)
            let arrivals = (0..<count).map { _ in midnight.addingTimeInterval(Double.random(in: 8.5 * 3600...16 * 3600, using: &generator)) }.sorted()
            for at in arrivals where at < now {
                try await run(until: at, &queue, using: &generator)
                guard let item = try await request(at: at, using: &generator) else { continue }
                made += 1
                insert(Entry(at: at, item: item.id), into: &queue)
            }
        }
        try await run(until: now, &queue, using: &generator)
        return made
    }

    /// A new request: a generated brief, now and then a rush or a draft left for later.
    private func request(at: Date, using generator: inout SeededGenerator) async throws -> WorkItem? {
        let asset = policy.assetTypes.randomElement(using: &generator)!
        let requester = Self.requesters[asset.id]?.randomElement(using: &generator) ?? "ines"
        let fields = Self.brief(asset, policy: policy, at: at, using: &generator)
        let roll = Double.random(in: 0..<1, using: &generator)
        let rush = roll < 0.08 ? "Pushes the \(["newsletter", "partner webinar", "Q1 ebook"].randomElement(using: &generator)!) back a week" : nil
        let request = WorkRequest(assetType: asset.id, fields: fields, rush: rush, draft: roll > 0.98)
        let workflow = self.workflow
        return try? await store.createWorkItem(at: at) { id, roster in
            let (item, change) = try workflow.create(request, id: id, by: requester, roster: &roster, at: at)
            return (item, change, workflow.summary(item))
        }
    }

    /// A wake-up of an item (plan its next move) or a planned move, due at a time.
    private struct Entry {
        let at: Date
        let item: Int64
        var move: Move?
    }

    /// Runs every wake-up and move up to `time`, in time order, firing timers exactly when they are due: a woken
    /// item plans its next move for later, and the move, when its time comes, acts and wakes the item again.
    private func run(until time: Date, _ queue: inout [Entry], using generator: inout SeededGenerator) async throws {
        queue.sort { $0.at < $1.at }
        while let next = queue.first, next.at <= time {
            queue.removeFirst()
            try await fireTimers(upTo: next.at)
            if let move = next.move {
                let workflow = self.workflow
                _ = try? await store.changeWorkItem(id: next.item, at: next.at) { item, roster in
                    let change = try move.act(workflow, &item, &roster, next.at)
                    return (change, workflow.summary(item))
                }
                insert(Entry(at: next.at, item: next.item), into: &queue)
            } else if let item = try await store.workItem(id: next.item), let move = move(item, at: next.at, using: &generator), move.at < now {
                insert(Entry(at: move.at, item: item.id, move: move), into: &queue)  // a move after now has not happened yet
            }
        }
        try await fireTimers(upTo: time)
    }

    private func insert(_ entry: Entry, into queue: inout [Entry]) {
        let index = queue.firstIndex { $0.at > entry.at } ?? queue.endIndex
        queue.insert(entry, at: index)
    }

    /// Fires each due work timer at its own due time.
    private func fireTimers(upTo time: Date) async throws {
        let workflow = self.workflow
        while let due = try await store.nextTimerDue(), due <= time {
            let fired = try await store.fireDueWorkTimers(at: due, limit: 200) { timer, item, roster in
                (workflow.fire(timer, on: &item, roster: &roster, at: due), workflow.summary(item))
            }
            guard fired > 0 else { return }  // the next timer due is a lead's: the lead history fired those
        }
    }

    /// One thing someone does next on the item, and when (in their working hours).
    struct Move {
        let at: Date
        let act: @Sendable (WorkWorkflow, inout WorkItem, inout WorkRoster, Date) throws -> WorkChange
    }

    private func later(_ person: String?, _ from: Date, hours: ClosedRange<Double>, using generator: inout SeededGenerator) -> Date {
        let time = workflow.planner.time(for: person, role: nil)
        let seconds = Double.random(in: hours, using: &generator) * 3600
        return time?.deadline(from: from, addingSeconds: seconds) ?? from.addingTimeInterval(seconds)
    }

    /// What the people on the item do next: rush sign-offs, accepting or returning offered work, filling fields,
    /// signing off and submitting, reviewing, confirming edits, reworking, scheduling and launching.
    private func move(_ item: WorkItem, at: Date, using generator: inout SeededGenerator) -> Move? {
        switch item.status {
        case .draft, .launched, .cancelled:
            return nil
        case .requested where item.tasks.allSatisfy({ $0.status != .active && $0.returns.isEmpty }) && Double.random(in: 0..<1, using: &generator) < 0.02:
            // Plans change: a few requests are called off before work starts.
            return Move(at: later(item.requester, at, hours: 2...20, using: &generator)) { workflow, item, _, time in
                try workflow.cancel(&item, because: "The campaign was moved to next quarter", by: item.requester, at: time)
            }
        case .briefReturned:
            let briefIDs = Set(policy.assetType(item.assetType)?.brief.map(\.id) ?? [])
            let fields = item.fields.filter { briefIDs.contains($0.key) }
            return Move(at: later(item.requester, at, hours: 2...10, using: &generator)) { workflow, item, roster, time in
                try workflow.editBrief(&item, WorkRequest(assetType: item.assetType, fields: fields.merging(["message": (fields["message"] ?? "") + " (clarified)"]) { $1 }),
                    submit: true, by: item.requester, roster: &roster, at: time)
            }
        case .approved:
            let day = String(Timestamp.text(max(item.deadline ?? at, at.addingTimeInterval(86400))).prefix(10))
            let launch = workflow.planner.time(for: item.requester, role: nil)?.opening(onISODate: day)
            return Move(at: later(item.requester, at, hours: 1...4, using: &generator)) { workflow, item, _, time in
                try workflow.schedule(&item, for: launch ?? time, by: item.requester, at: time)
            }
        case .scheduled:
            let launchAt = max(item.scheduledFor ?? at, at)
            return Move(at: later(item.requester, launchAt, hours: 0.5...3, using: &generator)) { workflow, item, _, time in
                try workflow.launch(&item, url: "https://northwind.example/\(item.assetType)/\(item.id)", by: item.requester, at: time)
            }
        case .requested, .inProgress, .inReview, .rework:
            if let signer = rushSigner(item) {
                return Move(at: later(signer, at, hours: 0.5...3, using: &generator)) { workflow, item, _, time in try workflow.signOffRush(&item, by: signer, at: time) }
            }
            if let task = item.tasks.first(where: { $0.status == .offered || $0.status == .active }) {
                return taskMove(item, task, at: at, using: &generator)
            }
            return reviewMove(item, at: at, using: &generator)
        }
    }

    private func rushSigner(_ item: WorkItem) -> String? {
        guard item.rushRequested != nil, let role = policy.projectTemplate(for: item.assetType)?.rushSignOff else { return nil }
        return policy.holders(of: role).first?.id
    }

    private func taskMove(_ item: WorkItem, _ task: WorkTask, at: Date, using generator: inout SeededGenerator) -> Move? {
        let step = task.step
        guard let owner = task.owner else {
            // Nobody could take it (all at capacity or away): ops gives it to the least loaded holder.
            let holder = policy.holders(of: task.role).randomElement(using: &generator)?.id
            return holder.map { person in
                Move(at: later("tomas", at, hours: 1...6, using: &generator)) { workflow, item, roster, time in
                    try workflow.reassignTask(&item, step: step, to: person, because: "nobody was free; given by ops", by: "tomas", roster: &roster, at: time)
                }
            }
        }
        if task.status == .offered {
            // Now and then a brief is unclear: the first step's owner sends it back to the requester.
            let unclear = task.after.isEmpty && task.returns.isEmpty && Double.random(in: 0..<1, using: &generator) < 0.06
            let passes = !unclear && workflow.gate(item, step: step)?.passes ?? true
            // Most accept within their response time; one in eight takes long enough to breach it.
            let late = Double.random(in: 0..<1, using: &generator) < 0.12
            let when = later(owner, at, hours: late ? 4...9 : 0.2...2.5, using: &generator)
            if passes {
                return Move(at: when) { workflow, item, _, time in try workflow.accept(&item, step: step, by: owner, at: time) }
            }
            let modes = workflow.failureModes(forReturnAt: task, in: item)
            let mode = modes.randomElement(using: &generator) ?? "missing context"
            return Move(at: when) { workflow, item, _, time in
                try workflow.returnWork(&item, step: step, failureModes: [mode], note: "Not ready: \(mode). Please complete the handoff fields.", by: owner, at: time)
            }
        }
        // Active: fill what the handoff needs, get sign-offs, then submit after about the step's days.
        let days = Double(policy.projectTemplate(for: item.assetType)?.step(step)?.days ?? 1)
        let outgoing = task.handoff.flatMap(policy.handoff)
        let signOffs = workflow.signOffRoles(item).filter { field, _ in item.signOffs.allSatisfy { $0.field != field } }
        let needed = outgoing.map { handoff in signOffs.filter { field, _ in policy.reads(handoff.exit, field: field) } } ?? [:]
        if let (field, roles) = needed.first, let signer = roles.lazy.compactMap({ self.policy.holders(of: $0).first?.id }).first {
            return Move(at: later(signer, at, hours: 1...5, using: &generator)) { workflow, item, _, time in try workflow.signOff(&item, field: field, by: signer, at: time) }
        }
        let when = later(owner, at, hours: days * 8 * 0.4...days * 8 * 1.05, using: &generator)
        let roll = Double.random(in: 0..<1, using: &generator)
        if roll < 0.08, outgoing != nil {
            // Submitted too early: the Definition of Done blocks it, and the owner finishes the work next time.
            return Move(at: when) { workflow, item, _, time in try workflow.submit(&item, step: step, by: owner, at: time) }
        }
        // A rush may skip its exit checks with a signed-off trade-off; a sloppy sender forgets what the next team needs.
        let bypass = item.rush != nil && roll < 0.5
        let values = fill(item, outgoing, exit: !bypass, entry: roll > 0.2)
        let signer = outgoing?.bypassSignOff.flatMap { policy.holders(of: $0).first?.id }
        return Move(at: when) { workflow, item, _, time in
            var change = try workflow.updateFields(&item, values, by: owner, at: time)
            if bypass, let signer, let gate = workflow.gate(item, step: step), !gate.passes {
                change.merge(try workflow.bypass(&item, step: step, tradeoff: "Rush: the remaining checks follow after launch", by: signer, at: time))
            }
            change.merge(try workflow.submit(&item, step: step, by: owner, at: time))
            return change
        }
    }

    private func reviewMove(_ item: WorkItem, at: Date, using generator: inout SeededGenerator) -> Move? {
        guard let index = item.currentReview else { return nil }
        let stage = item.reviews[index]
        let creator = workflow.creators(item).first ?? item.requester
        switch stage.status {
        case .edits:
            return Move(at: later(creator, at, hours: 1...4, using: &generator)) { workflow, item, _, time in
                try workflow.confirmEdits(&item, stage: stage.stage, by: creator, at: time)
            }
        case .rework:
            return Move(at: later(creator, at, hours: 3...14, using: &generator)) { workflow, item, _, time in try workflow.resubmitForReview(&item, by: creator, at: time) }
        case .open:
            guard let round = stage.round, let reviewer = stage.reviewers.first(where: { id in !round.standing.contains { $0.reviewer == id } }) else { return nil }
            let roll = Double.random(in: 0..<1, using: &generator)
            let first = round.number == 1
            let verdict: ReviewVerdict = roll < (first ? 0.15 : 0.04) ? .reject : roll < (first ? 0.35 : 0.2) ? .approveWithEdits : .approve
            let reasons = verdict == .reject ? [workflow.reviewFailureModes(item).randomElement(using: &generator) ?? "wrong format"] : []
            let checklist = policy.reviewStage(stage.stage)?.checklist ?? []
            // A review usually lands inside its time box; about one in ten runs over.
            let late = Double.random(in: 0..<1, using: &generator) < 0.1
            let input = ReviewInput(
                verdict: verdict, reasons: reasons, note: verdict == .reject ? "See the \(reasons.first ?? "") notes inline." : "",
                edits: verdict == .approveWithEdits ? ["Tighten the headline", "Use the approved product screenshot"].shuffled(using: &generator).prefix(1).map { $0 } : [],
                checked: checklist)
            return Move(at: later(reviewer, at, hours: late ? 8...20 : 0.5...6, using: &generator)) { workflow, item, _, time in
                try workflow.decide(&item, stage: stage.stage, input, by: reviewer, at: time)
            }
        default:
            return nil
        }
    }

    /// Values that pass the handoff's failing exit checks (when `exit`) and the failing entry checks of whoever receives
    /// it (when `entry`), in the fields the handoff adds.
    private func fill(_ item: WorkItem, _ handoff: Handoff?, exit: Bool, entry: Bool) -> [String: String] {
        guard let handoff else { return [:] }
        var values: [String: String] = [:]
        let editable = Set(handoff.fields)
        for check in policy.expanded((exit ? handoff.exit : []) + (entry ? handoff.entry : [])) where workflow.evaluate([check], on: item).first?.passed == false {
            guard let field = check.kind.field, editable.contains(field) else { continue }
            if case .checkbox(_, _?) = check.kind { continue }
            values[field] = Self.value(for: check.kind, field: field, id: item.id)
        }
        return values
    }

    /// A value that passes one check.
    static func value(for kind: Check.Kind, field: String, id: Int64) -> String {
        let link = field.contains("figma") ? "https://www.figma.com/file/demo-\(id)" : "https://docs.google.com/document/d/demo-\(id)-\(field)"
        switch kind {
        case .length(_, let min, let max):
            let length = ((min ?? 20) + (max ?? (min ?? 20) + 40)) / 2
            return String(String(repeating: "Clear, specific copy for the page. ", count: 10).prefix(length))
        case .number(_, let min, _): return (min ?? 1).compactText
        case .oneOf(_, let values): return values.first ?? "yes"
        case .minItems(_, let count): return (1...max(count, 1)).map { "https://northwind.example/resource-\($0)" }.joined(separator: "\n")
        case .checkbox: return "yes"
        case .pattern(_, let regex):
            return [link, "https://northwind.example/lp/\(id)", "NW-27Q1-LAKEHOUSE"].first { $0.range(of: regex, options: .regularExpression) != nil } ?? link
        case .present, .artifact, .group:
            return WorkWorkflow.isLinkField(field) || field.hasSuffix("sheet") || field.hasSuffix("references") ? link : "Written for item \(id): \(field.replacingOccurrences(of: "_", with: " "))"
        }
    }

    /// A brief that passes its asset type's checks, due two to six weeks out.
    public static func brief(_ asset: AssetType, policy: Policy, at: Date, using generator: inout SeededGenerator) -> [String: String] {
        var fields: [String: String] = [:]
        let validator = BriefValidator(policy: policy)
        for field in asset.brief {
            let options = validator.options(field)
            switch field.type {
            case .choice where field.id == "utm_medium":
                fields[field.id] = ["cpc", "paid-social", "display"].filter(options.contains).randomElement(using: &generator) ?? options.first
            case .choice: fields[field.id] = options.randomElement(using: &generator)
            case .multichoice: fields[field.id] = Array(options.shuffled(using: &generator).prefix(Int.random(in: 1...2, using: &generator))).joined(separator: "\n")
            case .checkbox: fields[field.id] = "yes"
            case .number: fields[field.id] = String(Int.random(in: 3...20, using: &generator) * 500)
            case .date: fields[field.id] = String(Timestamp.text(at.addingTimeInterval(Double.random(in: 14...42, using: &generator).rounded() * 86400)).prefix(10))
            case .url: fields[field.id] = "https://northwind.example/\(asset.id)"
            case .list: fields[field.id] = ["Data leaders", "Analytics engineers", "RevOps"].shuffled(using: &generator).prefix(2).joined(separator: "\n")
            case .text, .longtext:
                if field.taxonomy == "campaign_id" {
                    fields[field.id] = campaigns.randomElement(using: &generator)
                } else if let example = field.taxonomy.flatMap(policy.taxonomyField)?.example {
                    fields[field.id] = example
                } else {
                    fields[field.id] = sentences[field.id] ?? "\(field.label) for the \(asset.name.lowercased())"
                }
            }
        }
        return fields
    }

    static let sentences = [
        "objective": "Readers see how Northwind cuts the time from question to trusted report.",
        "message": "One governed copy of the data, every team's reports.", "cta": "Book a demo", "title": "Reporting without the copies: a lakehouse guide",
        "primary_keyword": "lakehouse reporting", "customer": "Kaufhaus Nord", "audience": "Analytics leads at retailers with 200+ staff",
    ]
}
