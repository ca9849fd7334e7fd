/// The whole handoff policy of a team: who hands what to whom, what "ready" means and how fast.
///
/// A policy is a plain value read from a YAML file by `BatonPolicy`; nothing here knows about files.
/// Every list is ordered as written, and every element has an `id` that is unique within its list.
public struct Policy: Sendable, Equatable, Codable {
    /// The organisation's display name.
    public var organization: String
    public var calendars: [BusinessCalendar]
    public var teams: [Team]
    public var roles: [Role]
    public var people: [Person]
    public var taxonomy: [TaxonomyField]
    public var naming: [NamingConvention]
    /// Named groups of checks that gates may reuse (B2), e.g. "seo-ready".
    public var checkLibrary: [CheckGroup]
    public var reviewStages: [ReviewStage]
    public var assetTypes: [AssetType]
    public var handoffs: [Handoff]
    /// How the work of each asset type is broken into steps (F2).
    public var projectTemplates: [ProjectTemplate]
    public var leads: LeadPolicy?
    /// Diagnostic ranges for scorecard figures (G3): flags, not targets.
    public var benchmarks: [Benchmark]
    /// When and where the biweekly review pack is posted (H7); nil to post none.
    public var reviewPack: ReviewPackSchedule?

    public init(
        organization: String, calendars: [BusinessCalendar] = [], teams: [Team] = [], roles: [Role] = [],
        people: [Person] = [], taxonomy: [TaxonomyField] = [], naming: [NamingConvention] = [],
        checkLibrary: [CheckGroup] = [], reviewStages: [ReviewStage] = [], assetTypes: [AssetType] = [],
        handoffs: [Handoff] = [], projectTemplates: [ProjectTemplate] = [], leads: LeadPolicy? = nil,
        benchmarks: [Benchmark] = [], reviewPack: ReviewPackSchedule? = nil
    ) {
        self.organization = organization
        self.calendars = calendars
        self.teams = teams
        self.roles = roles
        self.people = people
        self.taxonomy = taxonomy
        self.naming = naming
        self.checkLibrary = checkLibrary
        self.reviewStages = reviewStages
        self.assetTypes = assetTypes
        self.handoffs = handoffs
        self.projectTemplates = projectTemplates
        self.leads = leads
        self.benchmarks = benchmarks
        self.reviewPack = reviewPack
    }
}

extension Policy {
    public func team(_ id: String) -> Team? { teams.first { $0.id == id } }
    public func role(_ id: String) -> Role? { roles.first { $0.id == id } }
    public func person(_ id: String) -> Person? { people.first { $0.id == id } }
    public func calendar(_ id: String) -> BusinessCalendar? { calendars.first { $0.id == id } }
    public func assetType(_ id: String) -> AssetType? { assetTypes.first { $0.id == id } }
    public func reviewStage(_ id: String) -> ReviewStage? { reviewStages.first { $0.id == id } }
    public func taxonomyField(_ id: String) -> TaxonomyField? { taxonomy.first { $0.id == id } }
    public func checkGroup(_ id: String) -> CheckGroup? { checkLibrary.first { $0.id == id } }
    public func handoff(_ id: String) -> Handoff? { handoffs.first { $0.id == id } }
    public func projectTemplate(for assetType: String) -> ProjectTemplate? { projectTemplates.first { $0.assetType == assetType } }

    /// The people who hold a role.
    public func holders(of roleID: String) -> [Person] { people.filter { $0.roles.contains(roleID) } }

    /// The team a role belongs to, by name, for labels such as "Design → Web".
    public func teamName(ofRole roleID: String) -> String {
        guard let role = role(roleID) else { return roleID }
        return team(role.team)?.name ?? role.team
    }

    /// A handoff as a person names it: "H3 Design → Web".
    public func title(of handoff: Handoff) -> String {
        "\(handoff.id) \(teamName(ofRole: handoff.from)) → \(teamName(ofRole: handoff.to))"
    }
}
