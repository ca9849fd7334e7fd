import BatonCore
import BatonStore
import Foundation

/// `baton import FILE.csv`: imports a lead CSV into a database under the policy file, as the server would.
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

    private func open(file: String, mapping: [String], blanks: [String], actor: String, clock: any Clock) async throws -> (LeadCSVReader, LeadService) {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw Refused(description: "\(file): no such file, or it cannot be read.")
        }
        let store = try await configuration.database.open()
        let policy = try await Startup.loadPolicy(configuration, store: store, clock: clock)
        let service = LeadService(store: store, clock: clock, policy: policy)
        do throws(LeadCSVColumns.Problem) {
            let reader = try LeadCSVReader(data: data, mapping: try LeadCSVMapping(mapping, blanks: blanks), fieldIDs: service.fieldIDs, actor: actor)
            return (reader, service)
        } catch {
            throw Refused(description: "\(file): \(error.description)")
        }
    }

    /// Why an import did not start.
    public struct Refused: Error, CustomStringConvertible {
        public let description: String
    }
}
