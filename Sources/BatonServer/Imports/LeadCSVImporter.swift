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
    public func run(file: String, mapping: [String], actor: String, clock: any Clock = SystemClock()) async throws -> LeadImportReport {
        guard let stream = InputStream(fileAtPath: file), FileManager.default.isReadableFile(atPath: file) else {
            throw Refused(description: "\(file): no such file, or it cannot be read.")
        }
        let store = try SQLiteStore(path: configuration.databasePath)
        let policy = try await Startup.loadPolicy(configuration, store: store, clock: clock)
        let service = LeadService(store: store, clock: clock, policy: policy)
        let reader: LeadCSVReader
        do throws(LeadCSVColumns.Problem) {
            reader = try LeadCSVReader(stream: stream, mapping: try LeadCSVColumns.mapping(mapping), fieldIDs: service.fieldIDs, actor: actor)
        } catch {
            throw Refused(description: "\(file): \(error.description)")
        }
        return try await LeadImport(service: service).run(reader)
    }

    /// Why an import did not start.
    public struct Refused: Error, CustomStringConvertible {
        public let description: String
    }
}
