import BatonCore
import BatonStore
import Foundation

/// Draws, stores and changes audits (G4, G5) for the pages and the command line.
public struct AuditService: Sendable {
    let store: any BatonStorage
    let clock: any Clock
    let policy: Policy

    public init(store: any BatonStorage, clock: any Clock, policy: Policy) {
        self.store = store
        self.clock = clock
        self.policy = policy
    }

    /// How far back a lead that closed in the month may have arrived, to be found among the journeys.
    static let leadAge: TimeInterval = 365 * 86_400

    /// Draws and stores a month's sample: `month` is "YYYY-MM"; without a seed a random one is drawn (and stored).
    public func sample(month: String, size: Int, seed: UInt64? = nil, by actor: String) async throws -> Audit {
        guard month.wholeMatch(of: /20[0-9]{2}-(0[1-9]|1[0-2])/) != nil, let start = Timestamp.day(month + "-01") else {
            throw AuditProblem("the month '\(month)' is not a month from 2000 on; expected YYYY-MM, e.g. 2026-10")
        }
        guard AuditSampler.sizes.contains(size) else { throw AuditProblem("a sample has \(AuditSampler.sizes.lowerBound) to \(AuditSampler.sizes.upperBound) handoffs, not \(size)") }
        let now = clock.now()
        let end = Self.nextMonth(start)
        // A month is audited once, so only when it is over: its closed handoffs are all there to draw from.
        guard end <= now else { throw AuditProblem("\(Self.monthName(start)) is not over yet; audit it from \(Self.monthName(end).prefix { $0 != " " }) 1") }
        let seed = seed ?? UInt64.random(in: 1...UInt64.max)
        let (sample, note) = AuditSampler(seed: seed, size: size).draw(try await candidates(from: start, to: end), period: Self.monthName(start))
        var entries: [AuditEntry] = []
        for candidate in sample { entries.append(try await entry(candidate, now: now)) }
        let audit = Audit(kind: .monthly, period: month, seed: seed, requested: size, note: note, entries: entries, by: actor, at: now)
        return try await create(audit, by: actor)
    }

    /// Starts a quarter's alignment review ("YYYY-Qn") with its four items and the evidence to look at.
    public func startQuarterly(_ quarter: String, by actor: String) async throws -> Audit {
        guard let match = quarter.wholeMatch(of: /(20[0-9]{2})-Q([1-4])/) else {
            throw AuditProblem("the quarter '\(quarter)' is not a quarter from 2000 on; expected YYYY-Qn, e.g. 2026-Q4")
        }
        let month = (Int(match.2) ?? 1) * 3 - 2
        guard let begins = Timestamp.day("\(match.1)-\(month < 10 ? "0" : "")\(month)-01"), begins <= clock.now() else {
            throw AuditProblem("\(quarter) has not begun")
        }
        let entries = AuditChecklist.quarterly.map { item in
            AuditEntry(subject: "alignment:\(item.id)", title: item.label, closedAt: nil,
                       checks: [AuditCheck(id: "aligned", label: "Still what both teams mean and do", passed: true, detail: "")], evidence: item.evidence)
        }
        let audit = Audit(kind: .quarterly, period: quarter, seed: 0, requested: entries.count, note: "", entries: entries, by: actor, at: clock.now())
        return try await create(audit, by: actor)
    }

    /// Records an entry's inspection; `revision`, when given, must be the audit's.
    public func inspect(_ id: Int64, entry: Int, _ input: AuditInspection, revision: Int?, by actor: String) async throws -> Audit {
        try await change(id, revision: revision) { workflow, audit, now in try workflow.inspect(&audit, entry: entry, input, by: actor, at: now) }
    }

    public func completeFix(_ id: Int64, entry: Int, by actor: String) async throws -> Audit {
        try await change(id, revision: nil) { workflow, audit, now in try workflow.completeFix(&audit, entry: entry, by: actor, at: now) }
    }

    private func create(_ audit: Audit, by actor: String) async throws -> Audit {
        let workflow = AuditWorkflow(policy: policy), now = clock.now()
        do {
            return try await store.createAudit(audit) { stored in [workflow.sampled(stored, by: actor, at: now)] }
        } catch let error as StoreError where error.code == "exists" {
            throw AuditProblem("\(error.message); open it from the list", conflict: true)
        }
    }

    private func change(
        _ id: Int64, revision: Int?, _ body: @escaping @Sendable (AuditWorkflow, inout Audit, Date) throws -> [NewEvent]
    ) async throws -> Audit {
        let workflow = AuditWorkflow(policy: policy), now = clock.now()
        do {
            return try await store.changeAudit(id: id) { audit in
                if let revision, revision != audit.revision {
                    throw WorkActionError(.conflict, code: "stale", message: "someone changed this audit since you opened it; reload it and try again")
                }
                return try body(workflow, &audit, now)
            }
        } catch let error as WorkActionError {
            throw WorkService.appError(error)
        } catch let error as StoreError where error.code == "not_found" {
            throw AppError.notFound("Audit \(id)")
        }
    }

    /// Every handoff that closed in the period: leads rejected or given a disposition, work launched or cancelled.
    private func candidates(from start: Date, to end: Date) async throws -> [AuditSampler.Candidate] {
        let journeys = try await store.leadJourneys(receivedFrom: start.addingTimeInterval(-Self.leadAge), before: end)
        let leads = journeys.compactMap { journey -> AuditSampler.Candidate? in
            guard let closed = journey.rejectedAt ?? journey.dispositionAt, closed >= start, closed < end else { return nil }
            return AuditSampler.Candidate(subject: "lead:\(journey.leadID)", closedAt: closed, isLead: true)
        }
        var query = WorkQuery(statuses: [.launched, .cancelled], limit: 500)
        query.changedSince = start
        var work: [AuditSampler.Candidate] = []
        while true {
            let page = try await store.workItems(query)
            work += page.compactMap { item in
                let closed = item.launchedAt ?? item.updatedAt
                return closed >= start && closed < end ? AuditSampler.Candidate(subject: item.subject, closedAt: closed, isLead: false) : nil
            }
            guard page.count == query.limit else { break }
            query.offset += query.limit
        }
        return leads + work
    }

    /// A sampled handoff with the checklist as the system finds it.
    private func entry(_ candidate: AuditSampler.Candidate, now: Date) async throws -> AuditEntry {
        if let id = LeadRecord.id(inSubject: candidate.subject), let lead = try await store.lead(id: id) {
            return AuditEntry(subject: candidate.subject, title: lead.displayName, closedAt: candidate.closedAt, checks: AuditChecklist.checks(for: lead, policy: policy))
        }
        if let id = WorkItem.id(inSubject: candidate.subject), let item = try await store.workItem(id: id) {
            return AuditEntry(subject: candidate.subject, title: item.name, closedAt: candidate.closedAt, checks: AuditChecklist.checks(for: item, policy: policy, asOf: now))
        }
        return AuditEntry(subject: candidate.subject, title: candidate.subject, closedAt: candidate.closedAt, checks: [])
    }

    static func nextMonth(_ start: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar.date(byAdding: .month, value: 1, to: start) ?? start.addingTimeInterval(31 * 86_400)
    }

    /// "October 2026".
    static func monthName(_ start: Date) -> String {
        start.formatted(Date.FormatStyle(date: .omitted, time: .omitted, locale: Locale(identifier: "en_GB"), timeZone: .gmt).month(.wide).year())
    }

    /// The month before the one `now` is in, "YYYY-MM": the default month to audit.
    public static func lastMonth(before now: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let previous = calendar.date(byAdding: .month, value: -1, to: now) ?? now
        return String(Timestamp.text(previous).prefix(7))
    }
}

/// An audit that cannot be drawn or started, in words; `conflict` when one already exists.
public struct AuditProblem: Error, CustomStringConvertible {
    public let description: String
    public let conflict: Bool

    init(_ description: String, conflict: Bool = false) {
        self.description = description
        self.conflict = conflict
    }
}
