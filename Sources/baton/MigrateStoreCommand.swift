import ArgumentParser
import BatonStore
import Foundation

/// `baton migrate-store --from sqlite:PATH --to postgres://…`: moves everything from the SQLite file into an empty
/// PostgreSQL database and checks every table's row count and checksum. Stop the server first.
struct MigrateStoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-store",
        abstract: "Copy an SQLite database into an empty PostgreSQL database and verify it (stop Baton first).")

    @Option(help: "The SQLite database file (sqlite:PATH or PATH).") var from: String
    @Option(help: "The PostgreSQL database: postgres://user@host:5432/db[?sslmode=require|verify-full]; the password from PGPASSWORD or --to-password-file.")
    var to: String
    @Option(help: "File holding the PostgreSQL password.") var toPasswordFile: String?

    func run() async throws {
        let path: String
        let configuration: PostgresStore.Configuration
        do {
            guard case .sqlite(let file) = try DatabaseLocation(from), FileManager.default.fileExists(atPath: file) else {
                throw ValidationError("--from must name an existing SQLite file, e.g. sqlite:.baton/baton.sqlite")
            }
            guard case .postgres(let settings) = try DatabaseLocation(to, passwordFile: toPasswordFile) else {
                throw ValidationError("--to must be a postgres:// URL")
            }
            // A copy is one long offline transaction whose statements (a table's checksum read) outgrow the serving
            // timeout on a large team; the server's own timeout does not apply to it.
            var offline = settings
            offline.statementTimeout = .zero
            (path, configuration) = (file, offline)
        } catch let error as StoreError {
            throw ValidationError(error.message)
        }
        let source: SQLiteStore
        let target: PostgresStore
        do {
            source = try SQLiteStore(path: path)
            target = try await PostgresStore(configuration)
        } catch {
            printToStandardError("\(error). Nothing was copied.")
            throw ExitCode.failure
        }
        let copier = StoreCopier(from: source, to: target)
        let unknown = try await copier.uncopiedSchema()
        guard unknown.isEmpty else {
            printToStandardError("The SQLite file has tables or columns this version cannot copy (\(unknown.joined(separator: ", "))); nothing was copied.")
            throw ExitCode.failure
        }
        print("Copying \(from) to \(to) … (the SQLite file was first brought to this version's schema, as starting Baton on it would)")
        let started = Date()
        let reports: [StoreCopier.TableReport]
        do {
            reports = try await copier.copy { report in
                let table = report.table.padding(toLength: 16, withPad: " ", startingAt: 0)
                if report.matches {
                    print("  \(table) \(String(report.targetRows).leftPadded(8)) rows  checksum \(report.targetChecksum)  same on both sides")
                } else {
                    print("  \(table) MISMATCH: SQLite \(report.sourceRows) rows, checksum \(report.sourceChecksum); PostgreSQL \(report.targetRows) rows, checksum \(report.targetChecksum)")
                }
            }
        } catch let error as StoreError {
            printToStandardError(error.code == "copy_unverified" ? "\(error.message)." : "\(error.message). Nothing was copied.")
            throw ExitCode.failure
        }
        let rows = reports.map(\.targetRows).reduce(0, +)
        guard reports.allSatisfy(\.matches) else {
            printToStandardError("The copy does not match the source (see MISMATCH above); do not start Baton on it.")
            throw ExitCode.failure
        }
        print("Copied \(rows) rows in \(reports.count) tables in \(String(format: "%.1f", Date().timeIntervalSince(started))) s; every count and checksum matches.")
        print("Start Baton on it with: baton serve --database \(to)")
    }
}

extension String {
    /// The text right-aligned in `width` characters.
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
