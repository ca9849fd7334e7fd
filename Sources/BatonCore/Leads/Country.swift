import Foundation

/// A country as ISO 3166-1 alpha-2, recognised from a code or an English name as forms and CRMs send it.
public struct Country: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The upper-case alpha-2 code, e.g. "DE".
    public let code: String

    /// Recognises "DE", "de", "Germany", "United States of America", "USA", "UK"; nil for anything else.
    public init?(_ text: String) {
        let key = Country.key(text)
        guard let code = Country.lookup[key] else { return nil }
        self.code = code
    }

    public var description: String { code }

    /// The English name, e.g. "Germany".
    public var name: String { Country.english.localizedString(forRegionCode: code) ?? code }

    /// The sales region routing rules name: "na", "latam", "emea" or "apac".
    public var salesRegion: String {
        let region = Locale.Region(code)
        switch region.continent?.identifier {
        case "150", "002": return "emea"
        case "009": return "apac"
        case "019": return region.containingRegion?.identifier == "021" ? "na" : "latam"
        case "142": return region.containingRegion?.identifier == "145" ? "emea" : "apac"
        default: return "emea"
        }
    }

    private static let english = Locale(identifier: "en_US")

    private static func key(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: english)
            .filter { $0.isLetter || $0 == " " }
            .split(separator: " ").joined(separator: " ")
    }

    /// Codes and English names of every ISO region, plus the names people commonly write instead.
    private static let lookup: [String: String] = {
        var table: [String: String] = [:]
        for region in Locale.Region.isoRegions where region.identifier.count == 2 && region.identifier.allSatisfy(\.isLetter) {
            let code = region.identifier
            table[key(code)] = code
            if let name = english.localizedString(forRegionCode: code) { table[key(name)] = code }
        }
        let aliases = [
            "usa": "US", "united states of america": "US", "us of a": "US", "america": "US", "uk": "GB",
            "great britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
            "deutschland": "DE", "holland": "NL", "the netherlands": "NL", "czech republic": "CZ",
            "south korea": "KR", "korea": "KR", "russia": "RU", "uae": "AE", "ivory coast": "CI",
            "espana": "ES", "brasil": "BR", "osterreich": "AT", "schweiz": "CH", "suisse": "CH",
        ]
        for (alias, code) in aliases { table[alias] = code }
        return table
    }()
}
