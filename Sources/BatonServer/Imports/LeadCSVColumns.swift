import Foundation

/// What each column of a lead CSV holds, read from its header: a policy field (HubSpot and Salesforce export headers
/// are understood), the record's id, its creation time, one activity, or anything else, kept with the lead as extras.
struct LeadCSVColumns {
    /// One column's meaning.
    enum Role: Equatable {
        /// A policy field, read from a column with this header through `transform` (by default the header says
        /// how to read the value: an opt-out column holds the opposite of consent).
        case field(String, header: String, transform: ColumnTransform)
        case sourceID
        case submittedAt
        case activity(ActivityPart)
        /// Kept with the lead under its header, like a CRM's custom fields.
        case extra(String)
        /// Mapped to `-`: not read.
        case ignored
    }

    /// The parts of the one activity a row may carry.
    enum ActivityPart: String, CaseIterable {
        case kind = "activity_kind", at = "activity_at", title = "activity_title", url = "activity_url", minutes = "activity_minutes"
    }

    /// A header or mapping that cannot be used; the import does not start.
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    let header: [String]
    let roles: [Role]

    /// Reads the header. `mapping` (header → field id, `source_id`, `submitted_at`, an `activity_*` part or `-`, with
    /// its steps) overrides what the header names say.
    init(header: [String], mapping: LeadCSVMapping, fieldIDs: Set<String>) throws(Problem) {
        self.header = header
        var unknownMappings = Set(mapping.targets.keys)
        var roles: [Role] = []
        for name in header {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            let role: Role
            if let target = mapping.targets[trimmed] {
                unknownMappings.remove(trimmed)
                guard let mapped = Self.role(target, fieldIDs: fieldIDs) else {
                    throw Problem(description: "The mapping \(trimmed)=\(target) names no lead field; expected one of: \(Self.targets(fieldIDs).joined(separator: ", ")), or - to skip the column.")
                }
                role = mapped
            } else {
                role = Self.role(trimmed, fieldIDs: fieldIDs) ?? Self.sourceRole(trimmed, fieldIDs: fieldIDs) ?? .extra(trimmed)
            }
            if case .field(let id, let header, _) = role, let transform = mapping.transforms[trimmed] {
                roles.append(.field(id, header: header, transform: transform))
            } else {
                roles.append(role)
            }
        }
        if let missing = unknownMappings.sorted().first {
            throw Problem(description: "The mapping names the column \"\(missing)\", which the header does not have; it has: \(header.joined(separator: ", ")).")
        }
        var seen: [String: String] = [:]
        for (name, role) in zip(header, roles) {
            guard let label = role.exclusiveLabel else { continue }
            if let earlier = seen[label] {
                throw Problem(description: "The columns \"\(earlier)\" and \"\(name)\" both hold \(label); map one of them to - to skip it.")
            }
            seen[label] = name
        }
        self.roles = roles
    }

    private static let sourceIDNames: Set<String> = ["sourceid", "recordid", "leadid", "contactid", "id"]
    private static let submittedAtNames: Set<String> = ["submittedat", "createdate", "createddate"]

    private static func role(_ name: String, fieldIDs: Set<String>) -> Role? {
        if name == "-" { return .ignored }
        if fieldIDs.contains(name) { return .field(name, header: name, transform: ColumnTransform()) }
        if let part = ActivityPart(rawValue: name) { return .activity(part) }
        let key = SourceFieldNames.key(name)
        if sourceIDNames.contains(key) { return .sourceID }
        if submittedAtNames.contains(key) { return .submittedAt }
        return nil
    }

    /// A HubSpot or Salesforce header for a policy field.
    private static func sourceRole(_ header: String, fieldIDs: Set<String>) -> Role? {
        let id = SourceFieldNames.fieldID(for: header)
        return fieldIDs.contains(id) ? .field(id, header: header, transform: ColumnTransform()) : nil
    }

    private static func targets(_ fieldIDs: Set<String>) -> [String] {
        fieldIDs.sorted() + ["source_id", "submitted_at"] + ActivityPart.allCases.map(\.rawValue)
    }
}

extension LeadCSVColumns.Role {
    /// What the column holds, for columns only one may hold; nil for extras and skipped columns.
    var exclusiveLabel: String? {
        switch self {
        case .field(let id, _, _): "the field \(id)"
        case .sourceID: "the record id"
        case .submittedAt: "the creation time"
        case .activity(let part): part.rawValue
        case .extra, .ignored: nil
        }
    }
}
