/// A team that owns a swimlane of work: Content, Design, Web, Ops, Sales…
public struct Team: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var name: String
    /// The business calendar the team's SLAs run on unless a handoff names another.
    public var calendar: String

    public init(id: String, name: String, calendar: String) {
        self.id = id
        self.name = name
        self.calendar = calendar
    }
}

/// A functional role inside a team (writer, designer, SDR…). Handoffs and RACIs name roles, people hold them.
public struct Role: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var team: String
    /// Open work tasks one holder takes at most before assignment passes them over; nil for no limit.
    public var capacity: Int?

    public init(id: String, name: String, team: String, capacity: Int? = nil) {
        self.id = id
        self.name = name
        self.team = team
        self.capacity = capacity
    }
}

/// A person in the policy: the roles they hold and what they may do in Baton.
///
/// Passwords never live in the policy; they are set with `baton user password`.
public struct Person: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var email: String
    public var team: String
    public var roles: [String]
    public var access: AccessRole
    /// The person's manager, who is notified on escalation.
    public var manager: String?
    /// The person's own business calendar when it differs from their team's (a rep in another time zone).
    public var calendar: String?

    public init(
        id: String, name: String, email: String, team: String, roles: [String], access: AccessRole,
        manager: String? = nil, calendar: String? = nil
    ) {
        self.id = id
        self.name = name
        self.email = email
        self.team = team
        self.roles = roles
        self.access = access
        self.manager = manager
        self.calendar = calendar
    }
}

/// What a signed-in person may do in Baton. Each page and API route admits a set of these.
public enum AccessRole: String, Sendable, Equatable, Codable, CaseIterable, Comparable {
    case admin
    case ops
    case marketer
    case reviewer
    case salesRep = "sales_rep"
    case salesManager = "sales_manager"
    case viewer

    /// A label for people: "Sales manager".
    public var label: String {
        switch self {
        case .admin: "Admin"
        case .ops: "Marketing ops"
        case .marketer: "Marketer"
        case .reviewer: "Reviewer"
        case .salesRep: "Sales rep"
        case .salesManager: "Sales manager"
        case .viewer: "Viewer"
        }
    }

    public static func < (lhs: AccessRole, rhs: AccessRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
