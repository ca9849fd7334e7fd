import Foundation

/// What lists, boards and "My work" need of an item, worked out from it and the policy in one place: who it waits
/// on and by when, whether a gate blocks it, and where it stands. The store keeps it beside the item to query on.
public struct WorkSummary: Sendable, Equatable, Codable {
    /// One thing a person must do on the item.
    public struct Waiting: Sendable, Equatable, Codable {
        public enum Kind: String, Sendable, Equatable, Codable {
            /// Accept or return offered work.
            case accept
            /// Finish and submit a task.
            case deliver
            /// Decide in a review round.
            case review
            /// Confirm the edits of an approval with edits.
            case edits
            /// Rework and resubmit to review.
            case rework
            /// Fix and resubmit a returned brief, or finish a draft.
            case brief
            /// Schedule or launch approved work.
            case ship
            /// Sign off a check a step's gate needs.
            case signOff = "sign_off"

            /// The kinds that count against a person's role `capacity`: work offered to them or in their hands.
            public static let openTask: Set<Kind> = [.accept, .deliver]
        }

        public var person: String
        public var kind: Kind
        /// The step or stage it is about.
        public var on: String
        /// "Accept Design the visuals", "Decide in Brand review (round 2)".
        public var label: String
        public var due: Date?

        public init(person: String, kind: Kind, on: String, label: String, due: Date?) {
            self.person = person
            self.kind = kind
            self.on = on
            self.label = label
            self.due = due
        }
    }

    public var waiting: [Waiting]
    /// The soonest running SLA deadline.
    public var nextDue: Date?
    /// Offered work stands at an entry gate whose checks fail (and no bypass was signed off): the receiver cannot
    /// accept it until the sender completes it.
    public var blocked: Bool
    /// Where the item is: "Design the visuals", "Brand review", "Scheduled".
    public var stage: String

    public init(waiting: [Waiting] = [], nextDue: Date? = nil, blocked: Bool = false, stage: String = "") {
        self.waiting = waiting
        self.nextDue = nextDue
        self.blocked = blocked
        self.stage = stage
    }
}

extension WorkWorkflow {
    /// The summary of an item as it stands.
    public func summary(_ item: WorkItem) -> WorkSummary {
        var waiting: [WorkSummary.Waiting] = []
        var stages: [String] = []
        var blocked = false
        switch item.status {
        case .draft, .briefReturned:
            waiting.append(.init(person: item.requester, kind: .brief, on: "brief", label: item.status == .draft ? "Finish the draft brief" : "Fix and resubmit the brief", due: nil))
            stages.append(item.status.label)
        case .approved, .scheduled:
            waiting.append(.init(
                person: item.requester, kind: .ship, on: "launch", label: item.status == .approved ? "Schedule the launch" : "Launch", due: item.scheduledFor ?? item.deadline))
            stages.append(item.status.label)
        case .launched, .cancelled:
            stages.append(item.status.label)
        case .requested, .inProgress, .inReview, .rework:
            let pendingSignOffs = signOffRoles(item).filter { field, _ in item.signOffs.allSatisfy { $0.field != field } }
            for task in item.tasks {
                switch task.status {
                case .offered:
                    // Work nobody could take waits on ops, to give it to someone.
                    for person in task.owner.map({ [$0] }) ?? opsPeople {
                        let label = task.owner == nil ? "Find an owner for \(task.name) (nobody could take it)" : "Accept \(task.name)"
                        waiting.append(.init(person: person, kind: .accept, on: task.step, label: label, due: task.responseDue))
                    }
                case .active:
                    for person in task.owner.map({ [$0] }) ?? opsPeople {
                        waiting.append(.init(person: person, kind: .deliver, on: task.step, label: task.name, due: task.completionDue))
                    }
                default: continue
                }
                // A sign-off the step's gate still needs waits on the holders of its role.
                if task.status == .active, let handoff = task.handoff.flatMap(policy.handoff) {
                    for (field, roles) in pendingSignOffs where policy.reads(handoff.exit, field: field) {
                        for person in roles.flatMap({ policy.holders(of: $0).map(\.id) }) where person != task.owner {
                            waiting.append(.init(person: person, kind: .signOff, on: task.step, label: "Sign off \(field.replacingOccurrences(of: "_", with: " ")) for \(task.name)", due: task.completionDue))
                        }
                    }
                }
                stages.append(task.name)
                if task.status == .offered, let gate = gate(item, step: task.step), !gate.passes { blocked = true }
            }
            if let index = item.currentReview {
                let stage = item.reviews[index]
                let round = stage.round
                stages.append(stage.name)
                switch stage.status {
                case .open:
                    for reviewer in stage.reviewers where !(round?.standing.contains { $0.reviewer == reviewer } ?? false) {
                        waiting.append(.init(person: reviewer, kind: .review, on: stage.stage, label: "Decide in \(stage.name) (round \(round?.number ?? 1))", due: round?.due))
                    }
                case .edits:
                    for person in creators(item) { waiting.append(.init(person: person, kind: .edits, on: stage.stage, label: "Confirm the edits of \(stage.name)", due: nil)) }
                case .rework:
                    for person in creators(item) { waiting.append(.init(person: person, kind: .rework, on: stage.stage, label: "Rework for \(stage.name)", due: nil)) }
                default: break
                }
            }
        }
        let nextDue = waiting.filter { [.accept, .deliver, .review].contains($0.kind) }.compactMap(\.due).min()
        return WorkSummary(waiting: waiting, nextDue: nextDue, blocked: blocked, stage: stages.joined(separator: ", "))
    }
}
