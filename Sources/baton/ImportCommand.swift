import ArgumentParser
import BatonServer
import Foundation

/// `baton import FILE.csv`: leads from a CSV export, with a report of what happened to every row.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import leads from a CSV file (HubSpot and Salesforce export headers understood).",
        discussion: """
            Good rows are imported; each refused row is listed by line with its reason. Rows that fail validation are \
            imported into the remediation queue, not dropped. Importing the same file twice changes nothing.
            Exit 0 when every row was imported, 1 when the file could not be read, 2 when some rows were refused.
            """)

    @Argument(help: "The CSV file; the first line names the columns.") var file: String
    @Option(name: .customLong("map"), help: "Map a column: HEADER=FIELD (a lead field id, source_id, submitted_at, activity_kind, activity_at, activity_title, activity_url, activity_minutes, or - to skip). Repeatable.")
    var mapping: [String] = []
    @Flag(help: "Print the report as JSON.") var json = false
    @OptionGroup var policy: PolicyFileOptions
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let configuration = ServerConfiguration(policyPath: policy.policy, databasePath: database.database)
        let report: LeadImportReport
        do {
            report = try await LeadCSVImporter(configuration: configuration).run(file: file, mapping: mapping, actor: "cli:import")
        } catch {
            printToStandardError("\(error)")
            throw ExitCode.failure
        }
        if json {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.summary(file: file))
        }
        if !report.rejected.isEmpty { throw ExitCode(2) }
    }
}
