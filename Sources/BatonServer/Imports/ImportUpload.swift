import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// The import page's upload: a `multipart/form-data` body read with MultipartKit, its CSRF token checked as
/// `FormReader` checks every form's.
struct ImportUpload: Decodable {
    let csrf: String
    /// The CSV's text.
    let file: String?
    /// One mapping per line, `HEADER=FIELD[|STEP…]`.
    let map: String?
    /// Placeholder values separated by commas.
    let blank: String?

    enum CodingKeys: String, CodingKey {
        case csrf = "_csrf", file, map, blank
    }

    /// Reads the upload; a body that is not multipart, or lacks a valid CSRF token, is refused.
    static func read(_ request: Request, context: BatonRequestContext) async throws -> ImportUpload {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
              let boundary = type.split(separator: ";").lazy.map({ $0.trimmingCharacters(in: .whitespaces) })
                .first(where: { $0.lowercased().hasPrefix("boundary=") })?.dropFirst("boundary=".count).trimmingCharacters(in: ["\""]),
              Self.isBoundary(boundary)
        else {
            throw AppError.badRequest("Send the file from the import page's form (multipart/form-data).")
        }
        let body = try await ImportRoutes.upload(request)
        let upload: ImportUpload
        do {
            upload = try FormDataDecoder().decode(ImportUpload.self, from: body, boundary: boundary)
        } catch {
            throw AppError.badRequest("The upload could not be read; choose the CSV file again.")
        }
        guard let expected = context.identity?.csrfToken, Secrets.equal(expected, upload.csrf) else {
            throw AppError.forbidden("This form has expired or did not come from Baton. Reload the page and try again.")
        }
        return upload
    }

    /// A boundary as RFC 2046 allows: 1 to 70 characters from its set (MultipartKit traps on an empty one).
    static func isBoundary(_ text: String) -> Bool {
        let allowed = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ")
        return (1...70).contains(text.count) && text.allSatisfy(allowed.contains) && text.last != " "
    }
}
