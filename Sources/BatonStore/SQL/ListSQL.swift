import BatonCore
import Foundation

/// Lead and work lists as SQL over their narrow tables (`lead_list`, `work_list`), the same text for SQLite and
/// PostgreSQL (which gets an `instr` function in its first migration). The filters agree with `LeadQuery.matches`
/// and `WorkQuery.matches`; the conformance suite checks both stores against them.
enum ListSQL {
    static func condition(_ query: LeadQuery) -> SQLCondition {
        var condition = SQLCondition()
        condition.add("status", isIn: query.statuses.map(\.rawValue))
        switch query.scope {
        case .all: break
        case .none: condition.add("1 = 0")
        case .people(let people, let unowned):
            let seen = people.sorted().map { _ in "instr(owners_ever, ?) > 0" } + (unowned ? ["owner IS NULL"] : [])
            condition.add(seen.isEmpty ? "1 = 0" : "(" + seen.joined(separator: " OR ") + ")", people.sorted().map { .text(" \($0) ") })
        }
        if let owners = query.owners {
            let named = owners.subtracting([LeadQuery.nobody]).sorted()
            var options = named.isEmpty ? [] : ["owner IN (\(SQLCondition.placeholders(named.count)))"]
            if owners.contains(LeadQuery.nobody) { options.append("owner IS NULL") }
            condition.add(options.isEmpty ? "1 = 0" : "(" + options.joined(separator: " OR ") + ")", named.map(SQLValue.text))
        }
        if let queue = query.queue { condition.add("queue = ?", [.text(queue)]) }
        if let sources = query.sources { condition.add("source", isIn: sources) }
        if let tiers = query.tiers { condition.add("COALESCE(tier, '')", isIn: tiers) }
        if let breached = query.breached {
            let missed = "(response_due IS NOT NULL AND response_due < COALESCE(responded_at, ?))"
            condition.add(breached ? missed : "NOT \(missed)", [.date(query.now)])
        }
        for word in query.searchWords ?? [] { condition.add("instr(search, ?) > 0", [.text(word)]) }
        return condition
    }

    static func order(_ query: LeadQuery) -> String {
        let column = switch query.sort {
        case .due: "deadline"
        case .received: "received_at"
        case .updated: "updated_at"
        case .score: "score"
        case .name: "name_key"
        }
        return order(by: column, nullsLast: query.sort == .due, descending: query.descending)
    }

    static func condition(_ query: WorkQuery) -> SQLCondition {
        var condition = SQLCondition()
        condition.add("status", isIn: query.statuses.map(\.rawValue))
        if let types = query.assetTypes { condition.add("asset_type", isIn: types) }
        if let campaign = query.campaign { condition.add("instr(lower(COALESCE(campaign, '')), ?) > 0", [.text(campaign.lowercased())]) }
        if let person = query.person { condition.add("instr(people, ?) > 0", [.text(" \(person) ")]) }
        if let breached = query.breached {
            condition.add(breached ? "(next_due IS NOT NULL AND next_due < ?)" : "(next_due IS NULL OR next_due >= ?)", [.date(query.now)])
        }
        if let blocked = query.blocked { condition.add("blocked = ?", [.bool(blocked)]) }
        if let rush = query.rush { condition.add("rush = ?", [.bool(rush)]) }
        if let since = query.changedSince { condition.add("updated_at >= ?", [.date(since)]) }
        for word in query.searchWords ?? [] { condition.add("instr(search, ?) > 0", [.text(word)]) }
        return condition
    }

    static func order(_ query: WorkQuery) -> String {
        let column = switch query.sort {
        case .due: "next_due"
        case .deadline: "deadline"
        case .created: "created_at"
        case .updated: "updated_at"
        case .name: "name_key"
        }
        return order(by: column, nullsLast: [.due, .deadline].contains(query.sort), descending: query.descending)
    }

    /// "column DESC, id DESC"; rows without a value last when `nullsLast`; ties broken by newest id first.
    private static func order(by column: String, nullsLast: Bool, descending: Bool) -> String {
        (nullsLast ? "\(column) IS NULL, " : "") + "\(column) \(descending ? "DESC" : "ASC"), id DESC"
    }
}
