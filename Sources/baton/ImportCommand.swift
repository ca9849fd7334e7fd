import ArgumentParser
import BatonCore
import BatonServer
import Foundation

/// `baton import FILE.csv` (leads) and `baton import outcomes FILE.csv`.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import leads, or what became of them (outcomes), from a CSV file.",
        subcommands: [ImportLeadsCommand.self, ImportOutcomesCommand.self], defaultSubcommand: ImportLeadsCommand.self)
}

/// `baton import [leads] FILE.csv`: leads from a CSV export, with a report of what happened to every row.
struct ImportLeadsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leads",
        abstract: "Import leads from a CSV file (HubSpot and Salesforce export headers understood); the default.",
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
        if dryRun {
            try await Self.report(json: json) {
                let preview = try await importer.preview(file: file, mapping: mapping, blanks: blanks)
                return (preview, preview.summary(file: file), preview.rejected.isEmpty)
            }
        } else {
            try await Self.report(json: json) {
                let report = try await importer.run(file: file, mapping: mapping, blanks: blanks, actor: "cli:import")
                return (report, report.summary(file: file), report.rejected.isEmpty)
            }
        }
    }

    /// Runs an import and prints its report (as JSON when asked); exit 2 when rows were refused, 1 with the error
    /// when the file could not be imported.
    static func report<Report: Encodable>(json: Bool, _ run: () async throws -> (Report, String, Bool)) async throws {
        do {
            let (report, summary, complete) = try await run()
            print(json ? try Self.json(report) : summary)
            if !complete { throw ExitCode(2) }
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

/// `baton import outcomes FILE.csv`: opportunities and deals from the CRM, matched to their leads (H3).
struct ImportOutcomesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcomes",
        abstract: "Import what became of leads — opportunities, deals won or lost — from a CSV file.",
        discussion: """
            Each row is an opportunity or deal: its id (reference), stage, amount, currency, opened_at, closed_at, \
            people, name, and the lead it came from (lead_id, lead_source_id with lead_source, or lead_email). \
            Salesforce opportunity and HubSpot deal export headers are understood. A row whose lead is not in Baton \
            yet is kept and matched when the lead arrives; each is listed by line. Importing the same file twice \
            changes nothing. Exit 0 when every row was read, 1 when the file could not be, 2 when some rows were refused.
            """)

    @Argument(help: "The CSV file; the first line names the columns.") var file: String
    @Option(
        name: .customLong("map"),
        help: """
            Map a column: HEADER=TARGET (reference, stage, amount, currency, opened_at, closed_at, people, name, lead_id, \
            lead_source, lead_source_id, lead_email, or - to skip), then FROM>TO steps separated by |. Repeatable; \
            several columns may map to people.
            """)
    var mapping: [String] = []
    @Option(name: .customLong("blank"), help: "A value that means \"not given\" in every column. Repeatable.") var blanks: [String] = []
    @Option(help: "The stage of rows without one: opportunity, won or lost.") var stage: String = "opportunity"
    @Option(help: "The intake source the lead record ids belong to (csv_import, hubspot, salesforce, api, form).")
    var leadSource: String = "csv_import"
    @Flag(help: "Print the report as JSON.") var json = false
    @OptionGroup var policy: PolicyFileOptions
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        guard let stage = LeadOutcome.Stage(rawValue: stage) else {
            throw ValidationError("--stage \(stage): expected opportunity, won or lost")
        }
        let configuration = ServerConfiguration(policyPath: policy.policy, database: try database.location())
        try await ImportLeadsCommand.report(json: json) {
            let report = try await LeadCSVImporter(configuration: configuration).importOutcomes(
                file: file, mapping: mapping, blanks: blanks, stage: stage, leadSource: leadSource, actor: "cli:import")
            return (report, report.summary(file: file), report.rejected.isEmpty)
        }
    }
}
