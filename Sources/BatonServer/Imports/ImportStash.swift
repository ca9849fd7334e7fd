import Foundation

/// Uploaded files kept between the import page's preview and its confirmation, in a folder beside the data
/// (`DatabaseLocation.folder`).
/// A file lives until it is imported, or a day at most.
struct ImportStash: Sendable {
    let directory: String
    static let lifetime: TimeInterval = 24 * 3600

    init(folder: String) {
        directory = URL(fileURLWithPath: folder).appendingPathComponent("imports").path
    }

    /// Keeps the file; returns the token that names it.
    func save(_ contents: Data, now: Date) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        sweep(now: now)
        let token = UUID().uuidString.lowercased()
        guard FileManager.default.createFile(atPath: path(token), contents: contents) else {
            throw AppError(.internalServerError, code: "stash_failed", message: "The upload could not be kept for the import.")
        }
        return token
    }

    /// The kept file's path, or nil for a token that names none (only the stash's own tokens are ever read).
    func file(_ token: String) -> String? {
        guard UUID(uuidString: token) != nil, FileManager.default.fileExists(atPath: path(token)) else { return nil }
        return path(token)
    }

    func remove(_ token: String) {
        if let file = file(token) { try? FileManager.default.removeItem(atPath: file) }
    }

    private func path(_ token: String) -> String { "\(directory)/\(token.lowercased()).csv" }

    /// Drops files older than a day.
    private func sweep(now: Date) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            let path = "\(directory)/\(name)"
            let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? now
            if now.timeIntervalSince(modified) > Self.lifetime { try? FileManager.default.removeItem(atPath: path) }
        }
    }
}
