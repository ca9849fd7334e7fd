/// A kind of marketing work (C1): blog, landing page, ad set… with its minimum viable brief and reviews.
public struct AssetType: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var description: String?
    /// The fields of the intake brief, in the order the form shows them.
    public var brief: [BriefField]
    /// The review stages the asset passes, in order (E1).
    public var reviews: [ReviewStep]

    public init(id: String, name: String, description: String? = nil, brief: [BriefField], reviews: [ReviewStep]) {
        self.id = id
        self.name = name
        self.description = description
        self.brief = brief
        self.reviews = reviews
    }
}

/// One field of a brief form.
public struct BriefField: Sendable, Equatable, Codable, Identifiable {
    /// How the field is entered.
    public enum FieldType: String, Sendable, Equatable, Codable, CaseIterable {
        case text, longtext, url, date, number, choice, multichoice, checkbox, list
    }

    public var id: String
    public var label: String
    public var type: FieldType
    public var required: Bool
    /// The options of a choice; empty when they come from `taxonomy`.
    public var options: [String]
    /// A taxonomy field whose closed list gives the options (C2).
    public var taxonomy: String?
    public var help: String?

    public init(
        id: String, label: String, type: FieldType, required: Bool, options: [String] = [], taxonomy: String? = nil,
        help: String? = nil
    ) {
        self.id = id
        self.label = label
        self.type = type
        self.required = required
        self.options = options
        self.taxonomy = taxonomy
        self.help = help
    }
}

/// A review stage (E1): who approves, how long they have, what they check.
public struct ReviewStage: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var name: String
    /// Roles whose holders decide at this stage.
    public var approvers: [String]
    /// The time box of a review round (E5).
    public var sla: BusinessDuration
    /// Items the reviewer ticks; every one blocks (E4).
    public var checklist: [String]
    /// Whose decisions make the stage's result.
    public var decides: ReviewRule
    /// The role whose holder decides alone under `.primary`.
    public var primary: String?

    public init(
        id: String, name: String, approvers: [String], sla: BusinessDuration, checklist: [String], decides: ReviewRule = .all,
        primary: String? = nil
    ) {
        self.id = id
        self.name = name
        self.approvers = approvers
        self.sla = sla
        self.checklist = checklist
        self.decides = decides
        self.primary = primary
    }
}

/// How the decisions of a stage's reviewers make its result (E2).
public enum ReviewRule: String, Sendable, Equatable, Codable, CaseIterable {
    /// The first decision is the stage's result.
    case any
    /// Every reviewer decides; the decisions combine (see `ReviewOutcome`).
    case all
    /// The holder of the stage's `primary` role decides; the others advise.
    case primary
}

/// A review stage as one asset type uses it, optionally only when a field has certain values
/// (legal review only for regulated compliance categories).
public struct ReviewStep: Sendable, Equatable, Codable {
    public var stage: String
    public var when: FieldCondition?

    public init(stage: String, when: FieldCondition? = nil) {
        self.stage = stage
        self.when = when
    }
}

/// "field is one of values": the condition under which a step applies.
public struct FieldCondition: Sendable, Equatable, Codable {
    public var field: String
    public var values: [String]

    public init(field: String, values: [String]) {
        self.field = field
        self.values = values
    }
}
