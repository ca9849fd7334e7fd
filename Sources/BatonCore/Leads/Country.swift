import Foundation

/// A country as ISO 3166-1 alpha-2, recognised from a code or an English name as forms and CRMs send it.
public struct Country: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The upper-case alpha-2 code, e.g. "DE".
    public let code: String

    /// Recognises alpha-2 and alpha-3 codes ("DE", "deu"), the ISO short, official and common names ("Korea, Republic
    /// of", "Republic of Korea", "South Korea") and names people write instead ("UK", "Holland", "Ivory Coast"), in
    /// any case, with or without accents, punctuation and "the"; nil for anything else.
    public init?(_ text: String) {
        // A stored or CRM-sent alpha-2 code, the common case, needs no folding.
        if text.utf8.count == 2, text.utf8.allSatisfy({ (65...90).contains($0) }), Country.byCode[text] != nil {
            code = text
            return
        }
        guard let entry = Country.lookup[Country.key(text)] else { return nil }
        code = entry.alpha2
    }

    public var description: String { code }

    /// Every country, by English name: what a country picker offers.
    public static let all: [Country] = table.map { Country(code: $0.alpha2) }.sorted { $0.sortKey < $1.sortKey }

    /// The name without accents, so Côte d'Ivoire comes before Croatia as in any English list.
    private var sortKey: String { name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en")) }

    private init(code: String) { self.code = code }

    /// The English name: the common name where ISO gives one ("Bolivia"), else the ISO short name ("Germany").
    public var name: String { entry.commonName ?? entry.name }

    /// The sales region routing rules name: "na", "latam", "emea" or "apac".
    public var salesRegion: String { entry.salesRegion }

    private var entry: Entry { Country.byCode[code]! }

    /// One row of the generated `table`.
    struct Entry: Sendable {
        let alpha2, salesRegion, name: String
        let alpha3, officialName, commonName: String?

        init(_ alpha2: String, _ alpha3: String?, _ salesRegion: String, _ name: String, _ officialName: String?, _ commonName: String?) {
            self.alpha2 = alpha2
            self.alpha3 = alpha3
            self.salesRegion = salesRegion
            self.name = name
            self.officialName = officialName
            self.commonName = commonName
        }
    }

    private static let byCode = Dictionary(uniqueKeysWithValues: table.map { ($0.alpha2, $0) })

    /// Every code, name and alias by its `key`.
    private static let lookup: [String: Entry] = {
        var found: [String: Entry] = [:]
        for entry in table {
            for text in [entry.alpha2, entry.alpha3, entry.name, entry.officialName, entry.commonName].compactMap(\.self) {
                found[key(text)] = entry
            }
        }
        for (name, code) in aliases { found[key(name)] = byCode[code] }
        return found
    }()

    private static let english = Locale(identifier: "en_US")

    /// "Korea, Republic of", "Republic of Korea" and "the republic of KOREA" → "korea republic": case and accents
    /// folded, "." and apostrophes dropped ("U.S." → "us", "d’Ivoire" → "divoire"), other punctuation separating
    /// words, "and" ("&"), "of" and "the" left out (unless they are all there is: "AND" is Andorra), "St" read as "Saint",
    /// the words sorted. The generating script
    /// makes the same keys to check that no two countries share one.
    static func key(_ text: String) -> String {
        var words: [String] = []
        var word = ""
        func endWord() {
            if !word.isEmpty { words.append(word == "st" ? "saint" : word) }
            word = ""
        }
        for character in text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: english) {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else if !".'’`".contains(character) {
                endWord()
            }
        }
        endWord()
        let meaningful = words.filter { !["the", "and", "of"].contains($0) }
        return (meaningful.isEmpty ? words : meaningful).sorted().joined(separator: " ")
    }
}
