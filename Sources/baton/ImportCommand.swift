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
    @Option(
        name: .customLong("map"),
        help: """
            Map a column: HEADER=FIELD (a lead field id, source_id, submitted_at, activity_kind, activity_at, activity_title,             activity_url, activity_minutes, or - to skip), then steps separated by |: invert (swap yes and no), keep (no             opt-out reading), FROM>TO (rename a value; FROM> blanks it). Repeatable.
            """)
    var mapping: [String] = []
    @Option(name: .customLong("blank"), help: "A value that means \"not given\" in every column, e.g. Select. Repeatable.")
    var blanks: [String] = []
    @Flag(help: "Show what the import would do — each column's values, the first rows, refused rows — and store nothing.")
    var dryRun = false
    @Flag(help: "Print the report as JSON.") var json = false
    @OptionGroup var policy: PolicyFileOptions
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let configuration = ServerConfiguration(policyPath: policy.policy, database: try database.location())
        let importer = LeadCSVImporter(configuration: configuration)
        do {
            if dryRun {
                let preview = try await importer.preview(file: file, mapping: mapping, blanks: blanks)
                print(json ? try Self.json(preview) : preview.summary(file: file))
                if !preview.rejected.isEmpty { throw ExitCode(2) }
                return
            }
            let report = try await importer.run(file: file, mapping: mapping, blanks: blanks, actor: "cli:import")
            print(json ? try Self.json(report) : report.summary(file: file))
            if !report.rejected.isEmpty { throw ExitCode(2) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printToStandardError("\(error)")
            throw ExitCode.failure
        }
    }

    private static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
