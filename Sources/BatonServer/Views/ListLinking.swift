import Foundation

/// A list request whose query parameters the links to its other pages and orders keep.
protocol ListLinking {
    /// The parameters as given (without the page).
    var parameters: [(name: String, value: String)] { get }
}

extension ListLinking {
    /// A link to `path` with the same parameters, some changed (nil removes one); the page starts over unless given.
    func link(_ path: String, changing changes: [String: String?] = [:]) -> String {
        var pairs = parameters.filter { changes[$0.name] == nil && $0.name != "page" }
        for (name, value) in changes.sorted(by: { $0.key < $1.key }) { if let value { pairs.append((name, value)) } }
        guard !pairs.isEmpty else { return path }
        return path + "?" + pairs.map { "\($0.name)=\(encodedQueryValue($0.value))" }.joined(separator: "&")
    }
}

/// A query-string value with everything but letters and digits percent-encoded.
func encodedQueryValue(_ value: String) -> String { value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
