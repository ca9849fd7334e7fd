import Crypto
import Foundation
import GRDB
import PostgresNIO

/// Moves a team from SQLite to PostgreSQL (`baton migrate-store`): copies every table with its rows as they are —
/// ids, events with their original times, timers, outbox — into an empty PostgreSQL database in one transaction,
/// continues PostgreSQL's numbering after the copied ids, then checks each table's row count and checksum on both
/// sides.
public struct StoreCopier: Sendable {
    /// What one table's copy found.
    public struct TableReport: Sendable, Equatable {
        public var table: String
        public var sourceRows: Int
        public var targetRows: Int
        /// An order-independent checksum of every row's values, computed on each side.
        public var sourceChecksum: String
        public var targetChecksum: String

        public var matches: Bool { sourceRows == targetRows && sourceChecksum == targetChecksum }
    }

    let source: SQLiteStore
    let target: PostgresStore

    public init(from source: SQLiteStore, to target: PostgresStore) {
        self.source = source
        self.target = target
    }

    /// Copies everything and verifies it; `progress` hears each table as it is done. Throws `StoreError`
    /// "target_not_empty" when the target already holds Baton data (nothing is written then), and
    /// "copy_unverified" when the rows were written but the check after it failed.
    public func copy(progress: @Sendable (TableReport) -> Void = { _ in }) async throws -> [TableReport] {
        let source = self.source
        try await target.write { db in
            for table in ["event", "account", "lead", "work_item", "policy_version"] {
                if try await db.value("SELECT 1 FROM \(table) LIMIT 1", as: Int32.self) != nil {
                    throw StoreError(
                        code: "target_not_empty",
                        message: "the PostgreSQL database already holds Baton data (table \(table)); migrate into a new, empty database")
                }
            }
            for table in StoreTables.all {
                try await Self.copy(table, from: source, into: db)
            }
        }
        do {
            var reports: [TableReport] = []
            for table in StoreTables.all {
                let (sourceRows, sourceSum) = try await Self.checksum(table, in: source)
                let (targetRows, targetSum) = try await Self.checksum(table, in: target)
                let report = TableReport(table: table.name, sourceRows: sourceRows, targetRows: targetRows, sourceChecksum: sourceSum, targetChecksum: targetSum)
                progress(report)
                reports.append(report)
            }
            return reports
        } catch {
            throw StoreError(
                code: "copy_unverified",
                message: "the copy was written but could not be verified (\(error)); drop the PostgreSQL database and migrate into a new one")
        }
    }

    /// Tables and columns ("timer.clock") the SQLite file has that `StoreTables` does not name — a migration not
    /// taught to the copier; copying refuses to start while there are any.
    public func uncopiedSchema() async throws -> [String] {
        let known = Dictionary(uniqueKeysWithValues: StoreTables.all.map { ($0.name, Set($0.columns.map(\.name))) })
        return try await source.writer.read { db in
            var missing: [String] = []
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations' ORDER BY name") {
                guard let columns = known[table] else {
                    missing.append(table)
                    continue
                }
                missing += try db.columns(in: table).map(\.name).filter { !columns.contains($0) }.map { "\(table).\($0)" }
            }
            return missing
        }
    }

    // MARK: - Copying

    private static let pageSize = 1000

    private static func copy(_ table: StoreTables.Table, from source: SQLiteStore, into db: PostgresSQL) async throws {
        let names = table.columns.map(\.name).joined(separator: ", ")
        let rowsPerInsert = min(pageSize, 60_000 / table.columns.count)
        var after: Int64 = 0
        while true {
            let from = after
            let (values, last) = try await source.writer.read { db -> ([[SQLValue?]], Int64?) in
                let page = try Row.fetchAll(
                    db, sql: "SELECT rowid AS copy_rowid, \(names) FROM \(table.name) WHERE rowid > ? ORDER BY rowid LIMIT ?", arguments: [from, rowsPerInsert])
                return (page.map { row in table.columns.map { column in value(row[column.name], as: column.kind) } }, page.last?["copy_rowid"])
            }
            guard let last else { break }
            after = last
            let placeholders = "(" + SQLCondition.placeholders(table.columns.count) + ")"
            try await db.run(
                "INSERT INTO \(table.name) (\(names))\(table.identity == nil ? "" : " OVERRIDING SYSTEM VALUE") VALUES "
                    + Array(repeating: placeholders, count: values.count).joined(separator: ", "),
                values.flatMap { $0 })
        }
        if let identity = table.identity {
            try await db.run("SELECT setval(pg_get_serial_sequence('\(table.name)', '\(identity)'), COALESCE(MAX(\(identity)), 0) + 1, false) FROM \(table.name)")
        }
    }

    /// A SQLite value as the column's kind. A date written by an old version that cannot be read back becomes 1970,
    /// as the SQLite store reads it.
    private static func value(_ stored: DatabaseValue, as kind: StoreTables.Kind) -> SQLValue? {
        guard !stored.isNull else { return nil }
        switch kind {
        case .text: return String.fromDatabaseValue(stored).map(SQLValue.text)
        case .integer: return Int64.fromDatabaseValue(stored).map(SQLValue.integer)
        case .real: return Double.fromDatabaseValue(stored).map(SQLValue.real)
        case .bool: return Bool.fromDatabaseValue(stored).map(SQLValue.bool)
        case .date: return .date(Date.fromDatabaseValue(stored) ?? Date(timeIntervalSince1970: 0))
        case .blob: return Data.fromDatabaseValue(stored).map(SQLValue.blob)
        }
    }

    // MARK: - Checking

    /// Rows and the sum of every row's SHA-256 (first 8 bytes), so the order rows come in does not matter.
    private static func checksum(_ table: StoreTables.Table, in store: SQLiteStore) async throws -> (Int, String) {
        let names = table.columns.map(\.name).joined(separator: ", ")
        return try await store.writer.read { db in
            var sum = RowChecksum()
            let rows = try Row.fetchCursor(db, sql: "SELECT \(names) FROM \(table.name)")
            while let row = try rows.next() {
                sum.add(table.columns.map { value(row[$0.name], as: $0.kind) })
            }
            return (sum.rows, sum.hex)
        }
    }

    private static func checksum(_ table: StoreTables.Table, in store: PostgresStore) async throws -> (Int, String) {
        let names = table.columns.map(\.name).joined(separator: ", ")
        return try await store.read { db in
            var sum = RowChecksum()
            try await db.each("SELECT \(names) FROM \(table.name)") { row in
                sum.add(try table.columns.map { column in try Self.value(row, column.name, as: column.kind) })
            }
            return (sum.rows, sum.hex)
        }
    }

    private static func value(_ row: PostgresSQL.Row, _ column: String, as kind: StoreTables.Kind) throws -> SQLValue? {
        switch kind {
        case .text: try row.get(column, as: String?.self).map(SQLValue.text)
        case .integer: try row.get(column, as: Int64?.self).map(SQLValue.integer)
        case .real: try row.get(column, as: Double?.self).map(SQLValue.real)
        case .bool: try row.get(column, as: Bool?.self).map(SQLValue.bool)
        case .date: try row.get(column, as: Date?.self).map(SQLValue.date)
        case .blob: try row.get(column, as: Data?.self).map(SQLValue.blob)
        }
    }
}

/// An order-independent checksum of rows: each row's values written out canonically (dates to the millisecond),
/// hashed, and the hashes summed.
struct RowChecksum {
    private(set) var rows = 0
    private var sum: UInt64 = 0

    mutating func add(_ values: [SQLValue?]) {
        let text = values.map { value -> String in
            switch value {
            case nil: "∅"
            case .text(let text): "t" + text
            case .integer(let number): "i\(number)"
            case .real(let number): "r\(number)"
            case .bool(let flag): flag ? "b1" : "b0"
            case .date(let date): "d\(Int64((date.timeIntervalSince1970 * 1000).rounded()))"
            case .blob(let bytes): "x" + bytes.base64EncodedString()
            }
        }.joined(separator: "\u{1F}")
        let digest = SHA256.hash(data: Data(text.utf8))
        sum &+= digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        rows += 1
    }

    var hex: String { String(format: "%016llx", sum) }
}
