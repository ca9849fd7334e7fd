import Foundation

/// What an auditor sends for one entry: the checklist as confirmed, the finding, the fix decided, the evidence.
public struct AuditInspection: Sendable, Equatable {
    /// Check id → passed; checks not named keep what the system found.
    public var passed: [String: Bool]
    public var finding: String
    public var fix: String
    public var fixOwner: String?
    public var fixDue: Date?
    public var evidence: [String]

    public init(passed: [String: Bool], finding: String, fix: String = "", fixOwner: String? = nil, fixDue: Date? = nil, evidence: [String] = []) {
        self.passed = passed
        self.finding = finding
        self.fix = fix
        self.fixOwner = fixOwner
        self.fixDue = fixDue
        self.evidence = evidence
    }
}

/// The changes to an audit, pure: each checks what it is given and returns the events to store with the audit.
public struct AuditWorkflow: Sendable {
    public let policy: Policy

    public init(policy: Policy) { self.policy = policy }

    static let longest = 2000

    /// Records an entry's inspection: its checks as confirmed, the finding (required when a check fails), and a fix
    /// with its owner (a person of the policy) and due date, or none when nothing needs fixing.
    public func inspect(_ audit: inout Audit, entry index: Int, _ input: AuditInspection, by actor: String, at now: Date) throws -> [NewEvent] {
        guard audit.entries.indices.contains(index) else { throw WorkActionError(.invalid, code: "unknown_entry", message: "this audit has no entry \(index + 1)") }
        var entry = audit.entries[index]
        if let unknown = input.passed.keys.first(where: { id in !entry.checks.contains { $0.id == id } }) {
            throw WorkActionError(.invalid, code: "unknown_check", message: "'\(unknown)' is not a check of this entry; expected any of: \(entry.checks.map(\.id).joined(separator: ", "))")
        }
        for (position, check) in entry.checks.enumerated() { entry.checks[position].passed = input.passed[check.id] ?? check.passed }
        let finding = input.finding.trimmingCharacters(in: .whitespacesAndNewlines)
        guard finding.count <= Self.longest, input.fix.count <= Self.longest else {
            throw WorkActionError(.invalid, code: "too_long", message: "a finding or a fix is at most \(Self.longest) characters")
        }
        if entry.hasProblem && finding.isEmpty {
            throw WorkActionError(.invalid, code: "finding_required", message: "a check failed: write what you found")
        }
        let evidence = try input.evidence.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.prefix(20).map { line in
            guard line.count <= 500 else { throw WorkActionError(.invalid, code: "too_long", message: "a line of evidence is at most 500 characters") }
            return line
        }
        entry.finding = finding
        entry.evidence = Array(evidence)
        var events: [NewEvent] = []
        let fixText = input.fix.trimmingCharacters(in: .whitespacesAndNewlines)
        if fixText.isEmpty {
            entry.fix = entry.fix?.doneAt == nil ? nil : entry.fix
        } else {
            guard let owner = input.fixOwner, policy.person(owner) != nil else {
                throw WorkActionError(.invalid, code: "fix_owner_required", message: "a fix needs an owner: one of the people in the policy")
            }
            guard let due = input.fixDue else { throw WorkActionError(.invalid, code: "fix_due_required", message: "a fix needs a due date") }
            guard due >= now.addingTimeInterval(-86_400) else { throw WorkActionError(.invalid, code: "in_the_past", message: "the fix's due date is in the past") }
            if entry.fix?.text != fixText || entry.fix?.owner != owner || entry.fix?.due != due {
                entry.fix = AuditFix(text: fixText, owner: owner, due: due)
                events.append(event("audit.fix_decided", audit, by: actor, at: now, ["entry": entry.subject, "fix": fixText, "owner": owner, "due": Timestamp.text(due), "recipients": owner]))
            }
        }
        entry.inspectedBy = actor
        entry.inspectedAt = now
        audit.entries[index] = entry
        touch(&audit, at: now)
        events.insert(event("audit.inspected", audit, by: actor, at: now, [
            "entry": entry.subject, "failed": entry.checks.filter { !$0.passed }.map(\.id).joined(separator: ","), "finding": finding,
        ]), at: 0)
        return events
    }

    /// Marks an entry's fix done.
    public func completeFix(_ audit: inout Audit, entry index: Int, by actor: String, at now: Date) throws -> [NewEvent] {
        guard audit.entries.indices.contains(index), let fix = audit.entries[index].fix else {
            throw WorkActionError(.conflict, code: "no_fix", message: "this entry has no fix to complete")
        }
        guard fix.doneAt == nil else { throw WorkActionError(.conflict, code: "already_done", message: "this fix is already done") }
        audit.entries[index].fix?.doneAt = now
        audit.entries[index].fix?.doneBy = actor
        touch(&audit, at: now)
        return [event("audit.fix_done", audit, by: actor, at: now, ["entry": audit.entries[index].subject, "fix": fix.text, "on_time": now <= fix.due ? "yes" : "no"])]
    }

    /// The event that records a new audit and what its sample is.
    public func sampled(_ audit: Audit, by actor: String, at now: Date) -> NewEvent {
        event("audit.sampled", audit, by: actor, at: now, [
            "kind": audit.kind.rawValue, "period": audit.period, "seed": String(audit.seed), "requested": String(audit.requested),
            "entries": audit.entries.map(\.subject).joined(separator: ","), "note": audit.note,
        ])
    }

    private func touch(_ audit: inout Audit, at now: Date) {
        audit.updatedAt = now
        audit.revision += 1
    }

    private func event(_ type: String, _ audit: Audit, by actor: String, at now: Date, _ payload: [String: String]) -> NewEvent {
        NewEvent(type: type, subject: audit.subject, actor: actor, at: now, payload: payload, announce: payload["recipients"] == nil ? [] : ["notifications"])
    }
}
