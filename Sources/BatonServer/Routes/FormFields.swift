import Hummingbird

/// The fields of an `application/x-www-form-urlencoded` body, read with Hummingbird's `URLEncodedFormDecoder`.
///
/// A field is either one value (`name=value`) or a list (`lead[]=1&lead[]=2`, as checkboxes for bulk actions send).
/// Anything the decoder cannot read — an empty name, a name given twice, bad percent escapes, nested keys — is a
/// 400 that says which field broke; a body can never take the server down.
struct FormFields: Decodable, Sendable {
    /// Single-valued fields.
    private(set) var values: [String: String] = [:]
    /// Fields sent as `name[]`, in the order sent.
    private(set) var lists: [String: [String]] = [:]

    /// Reads a urlencoded body; throws a 400 naming what is wrong.
    init(body: String) throws {
        do {
            self = try URLEncodedFormDecoder().decode(FormFields.self, from: body)
        } catch let error as URLEncodedFormError {
            throw AppError.badRequest("The form could not be read.", details: [error.description])
        } catch is DecodingError {
            throw AppError.badRequest("The form could not be read.", details: ["a field is neither one value nor a list of values"])
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Name.self)
        for name in container.allKeys {
            if let value = try? container.decode(String.self, forKey: name) {
                values[name.stringValue] = value
            } else {
                lists[name.stringValue] = try container.decode([String].self, forKey: name)
            }
        }
    }

    subscript(name: String) -> String? { values[name] }

    /// Every field name sent, single or list, sorted.
    var names: [String] { Set(values.keys).union(lists.keys).sorted() }

    /// The values of a list field (`name[]`); empty when absent.
    func list(_ name: String) -> [String] { lists[name] ?? [] }

    private struct Name: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}
