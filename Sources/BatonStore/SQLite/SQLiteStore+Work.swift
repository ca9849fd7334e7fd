import BatonCore
import Foundation
import GRDB

/// Work items: the JSON record in `work_item`, what lists query in `work_list`, what waits on whom in `work_waiting`.
extension SQLiteStore: WorkStore {
    public func createWorkItem(at now: Date, _ body: @Sendable (Int64, inout WorkRoster) throws -> (WorkItem, WorkChange, WorkSummary)) async throws -> WorkItem {
        try await writer.write { db in
            let before = try Self.workRoster(db, at: now)
            var roster = before
            try db.run("INSERT INTO work_item (data) VALUES ('{}')", [])
            let (item, change, summary) = try body(db.lastInsertedRowID, &roster)
            try Self.apply(change, to: item, summary: summary, db: db, at: now)
            try Self.saveCredits(roster.credits, since: before.credits, db: db)
            return item
        }
    }

    public func workItem(id: Int64) async throws -> WorkItem? {
        try await writer.read { db in try Self.workItem(db, id: id) }
    }

    public func changeWorkItem(
        id: Int64, at now: Date, _ body: @Sendable (inout WorkItem, inout WorkRoster) throws -> (WorkChange, WorkSummary)
    ) async throws -> (WorkItem, WorkChange) {
        try await writer.write { db in
            guard var item = try Self.workItem(db, id: id) else { throw StoreError(code: "not_found", message: "there is no work item \(id)") }
            let before = try Self.workRoster(db, at: now)
            var roster = before
            let original = item
            let (change, summary) = try body(&item, &roster)
            if change.refusal != nil {
                try Self.insert(change.events, into: db)
                return (original, change)
            }
            try Self.apply(change, to: item, summary: summary, db: db, at: now)
            try Self.saveCredits(roster.credits, since: before.credits, db: db)
            return (item, change)
        }
    }

    public func workItems(_ query: WorkQuery) async throws -> [WorkItem] {
        try await writer.read { db in try Self.workItems(db, ids: try Self.page(query, db: db)) }
    }

    public func workRows(_ query: WorkQuery) async throws -> [WorkRow] {
        try await writer.read { db in try Self.workRows(db, ids: try Self.page(query, db: db)) }
    }

    /// The ids of one page in the query's order: sorting narrow (id, key) pairs, then reading only the page's rows.
    private static func page(_ query: WorkQuery, db: Database) throws -> [Int64] {
        let condition = ListSQL.condition(query)
        return try Int64.fetchAll(
            db, sql: "SELECT id FROM work_list WHERE \(condition.sql) ORDER BY \(ListSQL.order(query)) LIMIT ? OFFSET ?",
            arguments: condition.statementArguments([query.limit, query.offset]))
    }

    /// The rows with these ids, in the order of `ids`.
    private static func workRows(_ db: Database, ids: [Int64]) throws -> [WorkRow] {
        guard !ids.isEmpty else { return [] }
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM work_list WHERE id IN (\(SQLCondition.placeholders(ids.count)))", arguments: StatementArguments(ids)).map(row)
        let byID = Dictionary(rows.map { ($0.id, $0) }) { first, _ in first }
        return ids.compactMap { byID[$0] }
    }

    /// A `work_list` row as a value; people lists are stored space-delimited.
    private static func row(_ row: Row) -> WorkRow {
        let people = { (text: String) in text.split(separator: " ").map(String.init) }
        return WorkRow(
            id: row["id"], name: row["name"], assetType: row["asset_type"], status: WorkStatus(rawValue: row["status"]) ?? .requested,
            stage: row["stage"], campaign: row["campaign"], requester: row["requester"], owners: people(row["owners"]),
            waitingOn: people(row["waiting_on"]), nextDue: row["next_due"], deadline: row["deadline"], blocked: row["blocked"], rush: row["rush"],
            late: row["late"], updatedAt: row["updated_at"])
    }

    public func countWorkItems(_ query: WorkQuery) async throws -> Int {
        try await writer.read { db in
            let condition = ListSQL.condition(query)
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM work_list WHERE \(condition.sql)", arguments: condition.statementArguments()) ?? 0
        }
    }

    public func workCounts(_ query: WorkQuery) async throws -> [WorkStatus: Int] {
        try await writer.read { db in
            var all = query
            all.statuses = Set(WorkStatus.allCases)
            let condition = ListSQL.condition(all)
            var counts: [WorkStatus: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM work_list WHERE \(condition.sql) GROUP BY status", arguments: condition.statementArguments()) {
                if let status = WorkStatus(rawValue: row["status"]) { counts[status] = row["n"] }
            }
            return counts
        }
    }

    public func waitingWork(person: String, limit: Int, offset: Int) async throws -> [WaitingWork] {
        try await writer.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT item_id, kind, on_what, label, due FROM work_waiting WHERE person = ? ORDER BY due IS NULL, due, item_id DESC LIMIT ? OFFSET ?",
                arguments: [person, limit, offset])
            let items = Dictionary(try Self.workRows(db, ids: rows.map { $0["item_id"] }).map { ($0.id, $0) }) { first, _ in first }
            return rows.compactMap { row -> WaitingWork? in
                guard let item = items[row["item_id"]], let kind = WorkSummary.Waiting.Kind(rawValue: row["kind"]) else { return nil }
                return WaitingWork(item: item, waiting: .init(person: person, kind: kind, on: row["on_what"], label: row["label"], due: row["due"]))
            }
        }
    }

    public func countWaitingWork(person: String) async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM work_waiting WHERE person = ?", arguments: [person]) ?? 0 }
    }

    public func workEvents(id: Int64) async throws -> [Event] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM event WHERE subject = ? ORDER BY sequence", arguments: ["work:\(id)"]).map(Self.event)
        }
    }

    public func fireClaimedWorkTimers(
        _ claimed: [ClaimedTimer], by claimant: Claimant, at now: Date,
        _ act: @Sendable (PlannedTimer, inout WorkItem, inout WorkRoster) -> (WorkChange, WorkSummary)
    ) async throws -> Int {
        guard !claimed.isEmpty else { return 0 }
        return try await writer.write { db in
            let before = try Self.workRoster(db, at: now)
            var roster = before
            var fired = 0
            for claim in claimed {
                guard try Self.isMine(claim, by: claimant, db: db, at: now), let id = WorkItem.id(inSubject: claim.subject), var item = try Self.workItem(db, id: id)
                else { continue }
                let (change, summary) = act(claim.timer, &item, &roster)
                try Self.apply(change, to: item, summary: summary, db: db, at: now)
                fired += 1
            }
            try Self.saveCredits(roster.credits, since: before.credits, db: db)
            return fired
        }
    }

    public func pendingWorkTimers(itemID: Int64) async throws -> [PlannedTimer] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, level, due, clock FROM timer WHERE subject = ? AND done_at IS NULL ORDER BY due, id", arguments: ["work:\(itemID)"])
                .compactMap { row in PlannedTimer.Kind(rawValue: row["kind"]).map { PlannedTimer(kind: $0, level: row["level"], due: row["due"], clock: row["clock"]) } }
        }
    }

    public func workRoster(at now: Date) async throws -> WorkRoster {
        try await writer.read { db in try Self.workRoster(db, at: now) }
    }

    // MARK: - Inside a transaction

    private static func apply(_ change: WorkChange, to item: WorkItem, summary: WorkSummary, db: Database, at now: Date) throws {
        try db.run("UPDATE work_item SET data = ? WHERE id = ?", [try StoredRecord.encode(item), item.id])
        try db.run(StoredRecord.workListRow(item, summary: summary))
        try db.run("DELETE FROM work_waiting WHERE item_id = ?", [item.id])
        if let waiting = StoredRecord.workWaitingRows(item, summary: summary) { try db.run(waiting) }
        try insert(change.events, into: db)
        if !change.cancelClocks.isEmpty {
            let clocks = change.cancelClocks.sorted()
            try db.run(
                "UPDATE timer SET done_at = ?, outcome = 'cancelled' WHERE subject = ? AND done_at IS NULL AND clock IN (\(SQLCondition.placeholders(clocks.count)))",
                StatementArguments([now.sqlText, item.subject] + clocks))
        }
        for timer in change.startTimers {
            try db.run(
                "INSERT INTO timer (subject, kind, level, due, clock) VALUES (?, ?, ?, ?, ?)",
                [item.subject, timer.kind.rawValue, timer.level, timer.due.sqlText, timer.clock])
        }
    }

    static func workRoster(_ db: Database, at now: Date) throws -> WorkRoster {
        var roster = WorkRoster()
        roster.absent = Set(try String.fetchAll(db.cachedStatement(sql: "SELECT person FROM absence WHERE starts <= ? AND ends > ?"), arguments: [now.sqlText, now.sqlText]))
        let kinds = WorkSummary.Waiting.Kind.openTask.map(\.rawValue).sorted()
        let counting = "SELECT person, COUNT(*) AS n FROM work_waiting WHERE kind IN (\(SQLCondition.placeholders(kinds.count))) GROUP BY person"
        for row in try Row.fetchAll(db.cachedStatement(sql: counting), arguments: StatementArguments(kinds)) {
            roster.openTasks[row["person"]] = row["n"]
        }
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT pool, person, credit FROM pool_credit WHERE pool LIKE 'role:%'")) {
            roster.credits[row["pool"], default: [:]][row["person"]] = row["credit"]
        }
        return roster
    }

    private static func workItem(_ db: Database, id: Int64) throws -> WorkItem? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT data FROM work_item WHERE id = ?"), arguments: [id]).map(decodeWorkItem)
    }

    /// The items with these ids, in the order of `ids`.
    private static func workItems(_ db: Database, ids: [Int64]) throws -> [WorkItem] {
        guard !ids.isEmpty else { return [] }
        var items: [Int64: WorkItem] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, data FROM work_item WHERE id IN (\(SQLCondition.placeholders(ids.count)))", arguments: StatementArguments(ids)) {
            items[row["id"]] = try decodeWorkItem(row["data"])
        }
        return ids.compactMap { items[$0] }
    }

    private static func decodeWorkItem(_ data: String) throws -> WorkItem { try StoredRecord.decode(WorkItem.self, from: data) }
}
