import Foundation

/// An audit (G4, G5): a monthly inspection of a random, reproducible sample of closed handoffs, or the quarterly
/// alignment review of definitions, scoring, routing and feedback loops. Each entry is inspected against its
/// checklist, with the finding, the fix decided, its owner and due date, tracked to done.
public struct Audit: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Equatable, Codable, CaseIterable {
        case monthly, quarterly

        public var label: String { self == .monthly ? "Monthly handoff audit" : "Quarterly alignment review" }
    }

    public var id: Int64
    public var kind: Kind
    /// "2026-10" for a monthly audit, "2026-Q4" for a quarterly review.
    public var period: String
    /// The seed the sample was drawn with: drawing again with it gives the same sample.
    public var seed: UInt64
    /// How many handoffs were asked for, and what the sample could not give ("only 8 closed in October").
    public var requested: Int
    public var note: String
    public var entries: [AuditEntry]
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date
    /// Counts changes; a form that read an older revision is refused rather than overwriting newer work.
    public var revision: Int

    public init(kind: Kind, period: String, seed: UInt64, requested: Int, note: String, entries: [AuditEntry], by: String, at: Date) {
        id = 0
        self.kind = kind
        self.period = period
        self.seed = seed
        self.requested = requested
        self.note = note
        self.entries = entries
        createdBy = by
        createdAt = at
        updatedAt = at
        revision = 1
    }

    public var subject: String { "audit:\(id)" }
    public var title: String { "\(kind.label) \(period)" }
    public var inspected: Int { entries.filter { $0.inspectedAt != nil }.count }
    /// Fixes decided and not yet done.
    public var openFixes: [AuditFix] { entries.compactMap(\.fix).filter { $0.doneAt == nil } }
}

/// One handoff of the sample (or one item of the quarterly checklist), its checks and what was decided.
public struct AuditEntry: Sendable, Equatable, Codable {
    /// "lead:12", "work:7", or a quarterly item: "alignment:definitions".
    public var subject: String
    public var title: String
    /// When the handoff closed (monthly), for the list.
    public var closedAt: Date?
    /// The checklist: as the system found it when sampled, then as the auditor confirmed it.
    public var checks: [AuditCheck]
    /// Links and notes that back the review (quarterly); links are http(s) or a page of this server.
    public var evidence: [String]
    public var finding: String
    public var fix: AuditFix?
    public var inspectedBy: String?
    public var inspectedAt: Date?

    public init(subject: String, title: String, closedAt: Date?, checks: [AuditCheck], evidence: [String] = []) {
        self.subject = subject
        self.title = title
        self.closedAt = closedAt
        self.checks = checks
        self.evidence = evidence
        finding = ""
    }

    /// Whether any check found a problem.
    public var hasProblem: Bool { checks.contains { !$0.passed } }
}

/// One line of an entry's checklist: passed (nothing of its kind found) or not, and what was found.
public struct AuditCheck: Sendable, Equatable, Codable {
    public var id: String
    public var label: String
    public var passed: Bool
    /// What was found: "company and job_title missing", "first touch 3 h after its deadline".
    public var detail: String

    public init(id: String, label: String, passed: Bool, detail: String) {
        self.id = id
        self.label = label
        self.passed = passed
        self.detail = detail
    }
}

/// The fix decided for a finding: what, who, by when, and when it was done.
public struct AuditFix: Sendable, Equatable, Codable {
    public var text: String
    public var owner: String
    public var due: Date
    public var doneAt: Date?
    public var doneBy: String?

    public init(text: String, owner: String, due: Date) {
        self.text = text
        self.owner = owner
        self.due = due
    }
}
