import Foundation

/// A piece of marketing work (an asset) on its way from request to launch: its brief, its tasks with owners and
/// handoffs, its review stages, and the exceptions granted. Every change to it is also an event (its history).
public struct WorkItem: Sendable, Equatable, Codable {
    public var id: Int64
    public var assetType: String
    /// The name under the naming convention (C3), e.g. `NW-27Q1-LAKEHOUSE_organic-search_blog_v1_2027-01-12`.
    public var name: String
    /// The person who asked for the work.
    public var requester: String
    public var status: WorkStatus
    /// The brief and every field the roles fill in along the way (handoff fields, C4 templates); lists one per line.
    public var fields: [String: String]
    /// When the work must be live: the close of business on the brief's deadline date.
    public var deadline: Date?
    /// Whether the deadline can be met and why (D7).
    public var plan: WorkPlanSummary
    public var tasks: [WorkTask]
    public var reviews: [ReviewStageRun]
    /// Sign-offs recorded for `checkbox` checks that name a role (B1).
    public var signOffs: [SignOff]
    /// The trade-off of a rush asked for at intake, waiting for the sign-off of the role the template names (D5).
    public var rushRequested: String?
    /// A rush signed off (D5): the item runs on the rush SLAs.
    public var rush: WorkException?
    /// Gates passed with failing checks (B4).
    public var bypasses: [WorkException]
    public var scheduledFor: Date?
    public var launchedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
    /// Counts changes; a form that read an older revision is refused rather than overwriting newer work.
    public var revision: Int
    public var policyVersion: Int64?

    public init(
        id: Int64, assetType: String, name: String, requester: String, status: WorkStatus, fields: [String: String], deadline: Date?,
        plan: WorkPlanSummary = WorkPlanSummary(), tasks: [WorkTask] = [], reviews: [ReviewStageRun] = [], createdAt: Date, policyVersion: Int64?
    ) {
        self.id = id
        self.assetType = assetType
        self.name = name
        self.requester = requester
        self.status = status
        self.fields = fields
        self.deadline = deadline
        self.plan = plan
        self.tasks = tasks
        self.reviews = reviews
        signOffs = []
        bypasses = []
        self.createdAt = createdAt
        updatedAt = createdAt
        revision = 1
        self.policyVersion = policyVersion
    }

    /// How events and timers name the item: "work:12".
    public var subject: String { "work:\(id)" }

    /// The id in a subject such as "work:12".
    public static func id(inSubject subject: String?) -> Int64? {
        guard let subject, subject.hasPrefix("work:") else { return nil }
        return Int64(subject.dropFirst(5))
    }

    public func task(_ step: String) -> WorkTask? { tasks.first { $0.step == step } }
    public func taskIndex(_ step: String) -> Int? { tasks.firstIndex { $0.step == step } }

    /// Everyone who owns a task of the item.
    public var owners: [String] { Array(Set(tasks.compactMap(\.owner))).sorted() }

    /// The stage under review now, if any.
    public var currentReview: Int? { reviews.firstIndex { [.open, .edits, .rework].contains($0.status) } }

    /// Whether the item is still being worked on (not a draft, launched or cancelled).
    public var isOpen: Bool { ![.draft, .launched, .cancelled].contains(status) }

    /// Rework rounds of the item: review rounds after the first, over all stages (E6).
    public var reworkRounds: Int { reviews.reduce(0) { $0 + max(0, $1.rounds.count - 1) } }
}

/// Where a work item stands.
public enum WorkStatus: String, Sendable, Equatable, Codable, CaseIterable {
    /// Saved by the requester, not yet submitted.
    case draft
    /// Submitted; the first step's owner has not accepted the brief yet.
    case requested
    /// The brief came back to the requester with reasons.
    case briefReturned = "brief_returned"
    case inProgress = "in_progress"
    case inReview = "in_review"
    /// A review stage asked for changes; the creator reworks and resubmits.
    case rework
    case approved
    case scheduled
    case launched
    case cancelled

    public var label: String {
        switch self {
        case .draft: "Draft"
        case .requested: "Requested"
        case .briefReturned: "Brief returned"
        case .inProgress: "In progress"
        case .inReview: "In review"
        case .rework: "Needs rework"
        case .approved: "Approved"
        case .scheduled: "Scheduled"
        case .launched: "Launched"
        case .cancelled: "Cancelled"
        }
    }
}

/// One step of an item's project template, as this item runs it.
public struct WorkTask: Sendable, Equatable, Codable {
    public var step: String
    public var name: String
    public var role: String
    public var owner: String?
    /// Why this person has the task (X3): the round-robin pick and whom it passed over.
    public var assignedBecause: String
    public var status: TaskStatus
    /// The steps this one waits for.
    public var after: [String]
    /// The handoff that carries this step's work on, if any.
    public var handoff: String?
    public var plannedStart: Date?
    public var plannedDue: Date?
    public var offeredAt: Date?
    public var acceptedAt: Date?
    public var submittedAt: Date?
    public var doneAt: Date?
    /// When the owner must accept or return (response SLA, D2).
    public var responseDue: Date?
    /// When the owner must deliver (completion SLA, D2).
    public var completionDue: Date?
    /// Each time this step's work was handed back to it, with why.
    public var returns: [HandoffReturn]

    public init(step: String, name: String, role: String, owner: String?, assignedBecause: String, after: [String], handoff: String?) {
        self.step = step
        self.name = name
        self.role = role
        self.owner = owner
        self.assignedBecause = assignedBecause
        status = .waiting
        self.after = after
        self.handoff = handoff
        returns = []
    }

    public var responseClock: String { "task:\(step):response" }
    public var completionClock: String { "task:\(step):completion" }
}

/// Where a task stands: waiting for earlier steps, offered to its owner, being worked, handed over, done.
public enum TaskStatus: String, Sendable, Equatable, Codable, CaseIterable {
    case waiting
    /// Handed to the owner, who accepts (entry checks) or returns it.
    case offered
    case active
    /// Submitted at its handoff; the next step's owner has not accepted yet.
    case submitted
    case done

    public var label: String {
        switch self {
        case .waiting: "Waiting"
        case .offered: "Waiting to be accepted"
        case .active: "In progress"
        case .submitted: "Handed over"
        case .done: "Done"
        }
    }
}

/// Work handed back at a gate (or a brief returned), with the failure modes as defect tags (A3).
public struct HandoffReturn: Sendable, Equatable, Codable {
    /// The step that returned it.
    public var by: String
    public var person: String
    public var at: Date
    public var failureModes: [String]
    public var note: String

    public init(by: String, person: String, at: Date, failureModes: [String], note: String) {
        self.by = by
        self.person = person
        self.at = at
        self.failureModes = failureModes
        self.note = note
    }
}

/// A box ticked with the sign-off of a person holding the role a check names.
public struct SignOff: Sendable, Equatable, Codable {
    public var field: String
    public var role: String
    public var person: String
    public var at: Date

    public init(field: String, role: String, person: String, at: Date) {
        self.field = field
        self.role = role
        self.person = person
        self.at = at
    }
}

/// A rush or a gate bypass (B4, D5): the written trade-off and who signed it off.
public struct WorkException: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Equatable, Codable { case rush, bypass }

    public var kind: Kind
    /// For a bypass: the step whose gate was passed, which gate ("entry" or "exit"), and the checks that failed.
    public var step: String?
    public var gate: String?
    public var checks: [String]
    /// What slips because of it.
    public var tradeoff: String
    public var signedOffBy: String
    public var role: String?
    public var at: Date

    public init(
        kind: Kind, step: String? = nil, gate: String? = nil, checks: [String] = [], tradeoff: String, signedOffBy: String, role: String?, at: Date
    ) {
        self.kind = kind
        self.step = step
        self.gate = gate
        self.checks = checks
        self.tradeoff = tradeoff
        self.signedOffBy = signedOffBy
        self.role = role
        self.at = at
    }
}

/// What planning found about the deadline (D7).
public struct WorkPlanSummary: Sendable, Equatable, Codable {
    public var feasible: Bool
    /// The earliest the work can be ready, planned forward from the request.
    public var earliestFinish: Date?
    /// The longest chain of steps, which sets the earliest finish.
    public var criticalPath: [String]
    /// In words: "planned back from Tue 12 Jan" or why the deadline cannot be met.
    public var note: String

    public init(feasible: Bool = true, earliestFinish: Date? = nil, criticalPath: [String] = [], note: String = "") {
        self.feasible = feasible
        self.earliestFinish = earliestFinish
        self.criticalPath = criticalPath
        self.note = note
    }
}

extension WorkItem {
    /// What a list search looks in, lower-cased: the name, asset type, campaign, requester and task owners.
    public var searchText: String {
        ([name, assetType, fields["campaign_id"] ?? "", requester] + owners).joined(separator: " ").lowercased()
    }

    /// The campaign the item belongs to, if its brief names one.
    public var campaign: String? { fields["campaign_id"] }
}
