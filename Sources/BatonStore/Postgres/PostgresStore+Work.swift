import BatonCore
import Foundation

/// Work items on PostgreSQL: the JSON record in `work_item`, what lists query in `work_list`, what waits on whom in
/// `work_waiting`, written by the same statements as the SQLite store (`StoredRecord`, `ListSQL`).
extension PostgresStore: WorkStore {
    public func createWorkItem(at now: Date, _ body: @Sendable (Int64, inout WorkRoster) throws -> (WorkItem, WorkChange, WorkSummary)) async throws -> WorkItem {
        // The closure runs before `write` returns: it only crosses into the lease-timeout task group.
        try await withoutActuallyEscaping(body) { body in try await write { db in
            try await Self.lockRouting(db)
            let before = try await Self.workRoster(db, at: now)
            var roster = before
            let id: Int64 = try await db.value("INSERT INTO work_item (data) VALUES ('{}') RETURNING id")!
            let (item, change, summary) = try body(id, &roster)
            try await Self.apply(change, to: item, summary: summary, db: db, at: now)
            try await Self.saveCredits(roster.credits, since: before.credits, db: db)
            return item
        } }
    }

    public func workItem(id: Int64) async throws -> WorkItem? {
        try await read { db in try await Self.workItems(db, ids: [id]).first }
    }

    public func changeWorkItem(
        id: Int64, at now: Date, _ body: @Sendable (inout WorkItem, inout WorkRoster) throws -> (WorkChange, WorkSummary)
    ) async throws -> (WorkItem, WorkChange) {
        // The closure runs before `write` returns: it only crosses into the lease-timeout task group.
        try await withoutActuallyEscaping(body) { body in try await write { db in
            try await Self.lockRouting(db)
            guard var item = try await Self.workItems(db, ids: [id]).first else { throw StoreError(code: "not_found", message: "there is no work item \(id)") }
            let before = try await Self.workRoster(db, at: now)
            var roster = before
            let original = item
            let (change, summary) = try body(&item, &roster)
            if change.refusal != nil {
                try await Self.insert(change.events, into: db)
                return (original, change)
            }
            try await Self.apply(change, to: item, summary: summary, db: db, at: now)
            try await Self.saveCredits(roster.credits, since: before.credits, db: db)
            return (item, change)
        } }
    }

    public func workItems(_ query: WorkQuery) async throws -> [WorkItem] {
        try await read { db in try await Self.workItems(db, ids: try await Self.page(query, db: db)) }
    }

    public func workRows(_ query: WorkQuery) async throws -> [WorkRow] {
        try await read { db in try await Self.workRows(db, ids: try await Self.page(query, db: db)) }
    }

    public func countWorkItems(_ query: WorkQuery) async throws -> Int {
        try await read { db in
            let condition = ListSQL.condition(query)
            return Int(try await db.value("SELECT COUNT(*) FROM work_list WHERE \(condition.sql)", condition.postgresArguments, as: Int64.self) ?? 0)
        }
    }

    public func workCounts(_ query: WorkQuery) async throws -> [WorkStatus: Int] {
        try await read { db in
            var all = query
            all.statuses = Set(WorkStatus.allCases)
            let condition = ListSQL.condition(all)
            var counts: [WorkStatus: Int] = [:]
            for row in try await db.rows("SELECT status, COUNT(*) AS n FROM work_list WHERE \(condition.sql) GROUP BY status", condition.postgresArguments) {
                if let status = WorkStatus(rawValue: try row.get("status")) { counts[status] = Int(try row.get("n", as: Int64.self)) }
            }
            return counts
        }
    }

    public func waitingWork(person: String, limit: Int, offset: Int) async throws -> [WaitingWork] {
        try await read { db in
            let rows = try await db.rows(
                "SELECT item_id, kind, on_what, label, due FROM work_waiting WHERE person = ? ORDER BY due IS NULL, due, item_id DESC LIMIT ? OFFSET ?",
                [.text(person), .integer(Int64(limit)), .integer(Int64(offset))])
            let ids: [Int64] = try rows.map { try $0.get("item_id") }
            let items = Dictionary(try await Self.workRows(db, ids: ids).map { ($0.id, $0) }) { first, _ in first }
            return try rows.compactMap { row -> WaitingWork? in
                guard let item = items[try row.get("item_id")], let kind = WorkSummary.Waiting.Kind(rawValue: try row.get("kind")) else { return nil }
                return WaitingWork(item: item, waiting: .init(person: person, kind: kind, on: try row.get("on_what"), label: try row.get("label"), due: try row.get("due")))
            }
        }
    }

    public func countWaitingWork(person: String) async throws -> Int {
        try await read { db in Int(try await db.value("SELECT COUNT(*) FROM work_waiting WHERE person = ?", [.text(person)], as: Int64.self) ?? 0) }
    }

    public func workEvents(id: Int64) async throws -> [Event] {
        try await read { db in try await db.rows("SELECT * FROM event WHERE subject = ? ORDER BY sequence", [.text("work:\(id)")]).map(Self.event) }
    }

    public func fireClaimedWorkTimers(
        _ claimed: [ClaimedTimer], by claimant: Claimant, at now: Date,
        _ act: @Sendable (PlannedTimer, inout WorkItem, inout WorkRoster) -> (WorkChange, WorkSummary)
    ) async throws -> Int {
        guard !claimed.isEmpty else { return 0 }
        // The closure runs before `write` returns: it only crosses into the lease-timeout task group.
        return try await withoutActuallyEscaping(act) { act in try await write { db in
            try await Self.lockRouting(db)
            let before = try await Self.workRoster(db, at: now)
            var roster = before
            let ids = Array(Set(claimed.compactMap { WorkItem.id(inSubject: $0.subject) })).sorted()
            var items = Dictionary(try await Self.workItems(db, ids: ids).map { ($0.id, $0) }) { first, _ in first }
            var fired = 0
            for claim in claimed {
                guard try await Self.isMine(claim, by: claimant, db: db, at: now), let id = WorkItem.id(inSubject: claim.subject), var item = items[id]
                else { continue }
                let (change, summary) = act(claim.timer, &item, &roster)
                try await Self.apply(change, to: item, summary: summary, db: db, at: now)
                items[id] = item
                fired += 1
            }
            try await Self.saveCredits(roster.credits, since: before.credits, db: db)
            return fired
        } }
    }

    public func pendingWorkTimers(itemID: Int64) async throws -> [PlannedTimer] {
        try await Self.pendingTimers(self, subject: "work:\(itemID)")
    }

    public func workRoster(at now: Date) async throws -> WorkRoster {
        try await read { db in try await Self.workRoster(db, at: now) }
    }

    // MARK: - Inside a transaction

    private static func apply(_ change: WorkChange, to item: WorkItem, summary: WorkSummary, db: PostgresSQL, at now: Date) async throws {
        try await db.run("UPDATE work_item SET data = ? WHERE id = ?", [.text(try StoredRecord.encode(item)), .integer(item.id)])
        try await db.run(StoredRecord.workListRow(item, summary: summary))
        try await db.run("DELETE FROM work_waiting WHERE item_id = ?", [.integer(item.id)])
        if let waiting = StoredRecord.workWaitingRows(item, summary: summary) { try await db.run(waiting) }
        try await insert(change.events, into: db)
        if !change.cancelClocks.isEmpty {
            let clocks = change.cancelClocks.sorted()
            try await db.run(
                "UPDATE timer SET done_at = ?, outcome = 'cancelled' WHERE subject = ? AND done_at IS NULL AND clock IN (\(SQLCondition.placeholders(clocks.count)))",
                [.date(now), .text(item.subject)] + clocks.map(SQLValue.text))
        }
        try await startTimers(change.startTimers.map { (item.subject, $0) }, db: db)
    }

    static func workRoster(_ db: PostgresSQL, at now: Date) async throws -> WorkRoster {
        var roster = WorkRoster()
        roster.absent = try await absent(db, at: now)
        let kinds = WorkSummary.Waiting.Kind.openTask.map(\.rawValue).sorted()
        for row in try await db.rows(
            "SELECT person, COUNT(*) AS n FROM work_waiting WHERE kind IN (\(SQLCondition.placeholders(kinds.count))) GROUP BY person", kinds.map(SQLValue.text)) {
            roster.openTasks[try row.get("person")] = Int(try row.get("n", as: Int64.self))
        }
        roster.credits = try await credits(db, pools: "role:%")
        return roster
    }

    /// The ids of one page in the query's order.
    private static func page(_ query: WorkQuery, db: PostgresSQL) async throws -> [Int64] {
        let condition = ListSQL.condition(query)
        return try await db.rows(
            "SELECT id FROM work_list WHERE \(condition.sql) ORDER BY \(ListSQL.order(query)) LIMIT ? OFFSET ?",
            condition.postgresArguments + [.integer(Int64(query.limit)), .integer(Int64(query.offset))]
        ).map { try $0.get("id") }
    }

    /// The items with these ids, in the order of `ids`.
    private static func workItems(_ db: PostgresSQL, ids: [Int64]) async throws -> [WorkItem] {
        guard !ids.isEmpty else { return [] }
        var items: [Int64: WorkItem] = [:]
        for row in try await db.rows("SELECT id, data FROM work_item WHERE id IN (\(SQLCondition.placeholders(ids.count)))", ids.map(SQLValue.integer)) {
            items[try row.get("id")] = try StoredRecord.decode(WorkItem.self, from: try row.get("data"))
        }
        return ids.compactMap { items[$0] }
    }

    /// The list rows with these ids, in the order of `ids`.
    private static func workRows(_ db: PostgresSQL, ids: [Int64]) async throws -> [WorkRow] {
        guard !ids.isEmpty else { return [] }
        let people = { (text: String) in text.split(separator: " ").map(String.init) }
        var rows: [Int64: WorkRow] = [:]
        for row in try await db.rows("SELECT * FROM work_list WHERE id IN (\(SQLCondition.placeholders(ids.count)))", ids.map(SQLValue.integer)) {
            let id: Int64 = try row.get("id")
            rows[id] = WorkRow(
                id: id, name: try row.get("name"), assetType: try row.get("asset_type"), status: WorkStatus(rawValue: try row.get("status")) ?? .requested,
                stage: try row.get("stage"), campaign: try row.get("campaign"), requester: try row.get("requester"), owners: people(try row.get("owners")),
                waitingOn: people(try row.get("waiting_on")), nextDue: try row.get("next_due"), deadline: try row.get("deadline"), blocked: try row.get("blocked"),
                rush: try row.get("rush"), late: try row.get("late"), updatedAt: try row.get("updated_at"))
        }
        return ids.compactMap { rows[$0] }
    }
}
