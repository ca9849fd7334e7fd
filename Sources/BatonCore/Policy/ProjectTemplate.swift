/// How work of one asset type is done (F2): its steps, each owned by a role, with a duration in business days,
/// the steps it waits for, and the handoff that carries its output to the steps that follow.
public struct ProjectTemplate: Sendable, Equatable, Codable {
    /// The asset type the template serves; one template per asset type.
    public var assetType: String
    /// Steps in the order people read them; dependencies decide the order they run in.
    public var steps: [TemplateStep]
    /// Time a step's owner has to accept it when no handoff brings it (the first step accepts the brief).
    public var response: BusinessDuration
    /// The role whose sign-off a rush item of this type needs (D5, B4); nil lets only admins sign one off.
    public var rushSignOff: String?

    public init(
        assetType: String, steps: [TemplateStep], response: BusinessDuration = BusinessDuration(1, .days), rushSignOff: String? = nil
    ) {
        self.assetType = assetType
        self.steps = steps
        self.response = response
        self.rushSignOff = rushSignOff
    }

    public func step(_ id: String) -> TemplateStep? { steps.first { $0.id == id } }

    /// The steps that wait for `id`.
    public func dependents(of id: String) -> [TemplateStep] { steps.filter { $0.after.contains(id) } }
}

/// One step of a project template: "design, by a designer, 2 business days, after copy, handed on at H2".
public struct TemplateStep: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var role: String
    /// Business days the step takes once accepted: its completion time when no handoff sets one.
    public var days: Int
    /// Steps that must be handed over (or done) before this one is offered.
    public var after: [String]
    /// The handoff whose exit checks gate this step's submission and whose entry checks the next steps accept on.
    public var handoff: String?

    public init(id: String, name: String, role: String, days: Int, after: [String] = [], handoff: String? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.days = days
        self.after = after
        self.handoff = handoff
    }
}
