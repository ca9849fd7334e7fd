import BatonCore
import BatonStore
import Foundation

/// `baton import FILE.csv` and `baton import outcomes FILE.csv`: imports a lead or outcome CSV into a database under
/// the policy file, as the server would.
public struct LeadCSVImporter {
    let configuration: ServerConfiguration

    public init(configuration: ServerConfiguration) {
        self.configuration = configuration
    }

    /// Imports the file; throws `LeadCSVImporter.Refused` when the header or mapping cannot be used (nothing imported).
    public func run(file: String, mapping: [String], blanks: [String] = [], actor: String, clock: any Clock = SystemClock()) async throws -> LeadImportReport {
        let (reader, service) = try await open(file: file, mapping: mapping, blanks: blanks, actor: actor, clock: clock)
        return try await LeadImport(service: service).run(reader)
    }

    /// What importing the file would do; stores nothing.
    public func preview(file: String, mapping: [String], blanks: [String] = [], clock: any Clock = SystemClock()) async throws -> LeadImportPreview {
        let (reader, service) = try await open(file: file, mapping: mapping, blanks: blanks, actor: "cli:import", clock: clock)
        return LeadImportPreview(reader, pipeline: service.workflow.pipeline, now: clock.now())
    }

    /// Imports an outcome CSV (H3): every row that names a lead is recorded on it or kept until the lead arrives;
    /// `stage` is taken for rows without one, `leadSource` is the intake source lead record ids belong to.
    public func importOutcomes(
        file: String, mapping: [String], blanks: [String] = [], stage: LeadOutcome.Stage = .opportunity, leadSource: String = "csv_import",
        actor: String, clock: any Clock = SystemClock()
    ) async throws -> OutcomeImportReport {
        let defaults = OutcomeCSVReader.Defaults(stage: stage, leadSource: leadSource)
        let (reader, service) = try await open(file: file, clock: clock) { data, _ throws(LeadCSVColumns.Problem) in
            try OutcomeCSVReader(data: data, mapping: try LeadCSVMapping(mapping, blanks: blanks), defaults: defaults, actor: actor)
        }
        return try await OutcomeImport(service: service.outcomes).run(reader)
    }

    private func open(file: String, mapping: [String], blanks: [String], actor: String, clock: any Clock) async throws -> (LeadCSVReader, LeadService) {
        try await open(file: file, clock: clock) { data, service throws(LeadCSVColumns.Problem) in
            try LeadCSVReader(data: data, mapping: try LeadCSVMapping(mapping, blanks: blanks), fieldIDs: service.fieldIDs, actor: actor)
        }
    }

    /// Reads the file, opens the database under the policy, and makes the file's reader; a header or mapping that
    /// cannot be used is refused, naming the file.
    private func open<Reader>(
        file: String, clock: any Clock, reader: (Data, LeadService) throws(LeadCSVColumns.Problem) -> Reader
    ) async throws -> (Reader, LeadService) {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw Refused(description: "\(file): no such file, or it cannot be read.")
        }
        let store = try await configuration.database.open()
        let policy = try await Startup.loadPolicy(configuration, store: store, clock: clock)
        let service = LeadService(store: store, clock: clock, policy: policy)
        do throws(LeadCSVColumns.Problem) {
            return (try reader(data, service), service)
        } catch {
            throw Refused(description: "\(file): \(error.description)")
        }
    }

    /// Why an import did not start.
    public struct Refused: Error, CustomStringConvertible {
        public let description: String
    }
}
