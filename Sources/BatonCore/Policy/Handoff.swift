/// A handoff point (A1): ownership of an item moves from one role to another.
public struct Handoff: Sendable, Equatable, Codable, Identifiable {
    /// What kind of item crosses this handoff.
    public enum ItemKind: String, Sendable, Equatable, Codable {
        case asset, lead
    }

    /// "H1", "H2"… as on the Handoff Map.
    public var id: String
    public var name: String
    public var from: String
    public var to: String
    public var item: ItemKind
    /// Asset types that cross this handoff (for `item: asset`).
    public var assetTypes: [String]
    /// What moves: "creative brief", "Figma link", "UTM sheet", "lead record + activity history".
    public var artifacts: [String]
    /// Fields this handoff adds to the item beyond the brief (e.g. `figma_link`).
    public var fields: [String]
    /// Typical ways this handoff fails (A3), used as defect tags.
    public var failureModes: [String]
    public var raci: RACI
    /// Definition of Ready: checks the receiver requires before accepting (B1).
    public var entry: [Check]
    /// Definition of Done: checks the sender must pass before handing on (B1).
    public var exit: [Check]
    /// Tools and systems involved, shown on the criteria table (B5).
    public var tools: [String]
    /// Where the conversation about the item happens (D1).
    public var channel: Channel
    public var sla: HandoffSLA
    /// The role whose sign-off a bypass of this handoff's gate needs (B4); nil lets only admins bypass.
    public var bypassSignOff: String?

    public init(
        id: String, name: String, from: String, to: String, item: ItemKind = .asset, assetTypes: [String] = [],
        artifacts: [String] = [], fields: [String] = [], failureModes: [String] = [], raci: RACI, entry: [Check] = [],
        exit: [Check] = [], tools: [String] = [], channel: Channel, sla: HandoffSLA, bypassSignOff: String? = nil
    ) {
        self.id = id
        self.name = name
        self.from = from
        self.to = to
        self.item = item
        self.assetTypes = assetTypes
        self.artifacts = artifacts
        self.fields = fields
        self.failureModes = failureModes
        self.raci = raci
        self.entry = entry
        self.exit = exit
        self.tools = tools
        self.channel = channel
        self.sla = sla
        self.bypassSignOff = bypassSignOff
    }
}

/// Responsible, Accountable, Consulted, Informed — each a list of role ids (A2).
public struct RACI: Sendable, Equatable, Codable {
    public var responsible: [String]
    public var accountable: [String]
    public var consulted: [String]
    public var informed: [String]

    public init(responsible: [String], accountable: [String], consulted: [String] = [], informed: [String] = []) {
        self.responsible = responsible
        self.accountable = accountable
        self.consulted = consulted
        self.informed = informed
    }
}

/// The channel a handoff's conversation uses (D1).
public struct Channel: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Equatable, Codable, CaseIterable {
        case thread, slack, email
    }

    public var kind: Kind
    /// The Slack channel name or the mailbox, when the kind needs one.
    public var target: String?

    public init(kind: Kind, target: String? = nil) {
        self.kind = kind
        self.target = target
    }
}

/// Response and completion SLAs, timed separately (D2), on a business calendar (D3), with escalation (D4).
public struct HandoffSLA: Sendable, Equatable, Codable {
    public var calendar: String
    /// Time to acknowledge and confirm the next step.
    public var response: BusinessDuration
    /// Time to deliver; absent where there is nothing to deliver (a lead's first touch is its response).
    public var completion: BusinessDuration?
    public var escalation: [EscalationLevel]
    /// The shorter clocks a rush item runs on (D5); nil keeps the normal ones.
    public var rush: RushSLA?

    public init(
        calendar: String, response: BusinessDuration, completion: BusinessDuration?, escalation: [EscalationLevel], rush: RushSLA? = nil
    ) {
        self.calendar = calendar
        self.response = response
        self.completion = completion
        self.escalation = escalation
        self.rush = rush
    }
}

/// The response and completion times of a rush item at one handoff.
public struct RushSLA: Sendable, Equatable, Codable {
    public var response: BusinessDuration
    public var completion: BusinessDuration?

    public init(response: BusinessDuration, completion: BusinessDuration?) {
        self.response = response
        self.completion = completion
    }
}

/// One level of escalation: how long after the deadline, what happens, and to whom.
public struct EscalationLevel: Sendable, Equatable, Codable {
    public enum Action: String, Sendable, Equatable, Codable, CaseIterable {
        case remind, notify, reassign
    }

    /// Business time after the SLA deadline at which this level fires (0 = at the deadline).
    public var after: BusinessDuration
    public var action: Action
    /// Who is told: "owner", "manager" or a role id.
    public var notify: [String]

    public init(after: BusinessDuration, action: Action, notify: [String]) {
        self.after = after
        self.action = action
        self.notify = notify
    }

    /// Targets that are not role ids.
    public static let relativeTargets: Set<String> = ["owner", "manager"]
}

extension Policy {
    /// Who an escalation level tells, sorted: the owner, their manager, and every holder of the roles it names.
    public func recipients(of level: EscalationLevel, owner: String?) -> [String] {
        let people = level.notify.flatMap { target -> [String] in
            switch target {
            case "owner": [owner].compactMap { $0 }
            case "manager": [owner.flatMap { person($0)?.manager }].compactMap { $0 }
            default: holders(of: target).map(\.id)
            }
        }
        return Array(Set(people)).sorted()
    }
}
