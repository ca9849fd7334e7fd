@testable import BatonCore
import Testing

@Suite("Countries from codes and names")
struct CountryTests {
    @Test("the table holds every ISO 3166-1 country, and Ascension Island, Tristan da Cunha and Kosovo")
    func complete() {
        #expect(Country.table.count == 252)
        #expect(Set(Country.table.map(\.alpha2)).count == 252)
    }

    @Test("every alpha-2 and alpha-3 code and every ISO short, official and common name gives its country", arguments: Country.table)
    func table(_ entry: Country.Entry) {
        for text in [entry.alpha2, entry.alpha3, entry.name, entry.officialName, entry.commonName].compactMap(\.self) {
            #expect(Country(text)?.code == entry.alpha2, "\(text)")
            #expect(Country(text.lowercased())?.code == entry.alpha2, "\(text.lowercased())")
        }
    }

    @Test("every alias in the table gives its country")
    func aliases() {
        for (name, code) in Country.aliases { #expect(Country(name)?.code == code, "\(name)") }
    }

    @Test("the names people write", arguments: [
        ("China", "CN"), ("Russia", "RU"), ("Russian Federation", "RU"), ("Vietnam", "VN"), ("Viet Nam", "VN"),
        ("South Korea", "KR"), ("Korea, Republic of", "KR"), ("Republic of Korea", "KR"), ("Korea, South", "KR"),
        ("North Korea", "KP"), ("Korea, Democratic People's Republic of", "KP"), ("Bosnia and Herzegovina", "BA"),
        ("Bosnia & Herzegovina", "BA"), ("Bosnia-Herzegovina", "BA"), ("Iran", "IR"), ("Iran, Islamic Republic of", "IR"),
        ("Islamic Republic of Iran", "IR"), ("Syria", "SY"), ("Bolivia", "BO"), ("Bolivia, Plurinational State of", "BO"),
        ("Venezuela", "VE"), ("Tanzania", "TZ"), ("Moldova", "MD"), ("Laos", "LA"), ("Czech Republic", "CZ"), ("Czechia", "CZ"),
        ("Ivory Coast", "CI"), ("Côte d'Ivoire", "CI"), ("Cote d’Ivoire", "CI"), ("COTE D IVOIRE", "CI"), ("Macedonia", "MK"),
        ("North Macedonia", "MK"), ("Turkey", "TR"), ("Türkiye", "TR"), ("Turkiye", "TR"), ("Holland", "NL"),
        ("The Netherlands", "NL"), ("Netherlands (the)", "NL"), ("UK", "GB"), ("U.K.", "GB"), ("Great Britain", "GB"),
        ("England", "GB"), ("Scotland", "GB"), ("Wales", "GB"), ("Northern Ireland", "GB"), ("USA", "US"), ("U.S.A.", "US"),
        ("US", "US"), ("United States", "US"), ("United States of America", "US"), ("America", "US"), ("UAE", "AE"),
        ("Democratic Republic of the Congo", "CD"), ("DR Congo", "CD"), ("Congo", "CG"), ("Taiwan", "TW"), ("Macau", "MO"),
        ("St. Lucia", "LC"), ("St Kitts & Nevis", "KN"), ("Vatican City", "VA"), ("Cape Verde", "CV"), ("Swaziland", "SZ"),
        ("Burma", "MM"), ("East Timor", "TL"), ("Palestine", "PS"), ("Micronesia", "FM"), ("Falkland Islands", "FK"),
        ("Gambia, The", "GM"), ("US Virgin Islands", "VI"), ("Curacao", "CW"), ("Kosovo", "XK"), ("  germany ", "DE"),
    ])
    func commonNames(text: String, code: String) {
        #expect(Country(text)?.code == code)
    }

    @Test("what is no country is refused", arguments: ["Atlantis", "", "EU", "Europe", "Korea Korea", "Republic"])
    func refused(text: String) {
        #expect(Country(text) == nil)
    }

    @Test("the name is the common name where ISO has one, else the ISO short name")
    func names() {
        #expect(["US", "KR", "BO", "RU"].map { Country($0)!.name } == ["United States", "South Korea", "Bolivia", "Russian Federation"])
    }

    @Test("sales regions group the Americas into North America and Latin America")
    func salesRegions() {
        #expect(["US", "CA", "GL", "MX", "PR", "JM", "BR", "IN", "IR", "TR", "ZA"].map { Country($0)!.salesRegion }
            == ["na", "na", "na", "latam", "latam", "latam", "latam", "apac", "apac", "emea", "emea"])
    }

    @Test("the picker's list is in English alphabetical order, accents aside")
    func pickerOrder() {
        let names = Country.all.map(\.name)
        let ivory = names.firstIndex { $0.hasPrefix("Côte") } ?? names.count
        let croatia = names.firstIndex(of: "Croatia") ?? -1
        #expect(ivory < croatia)
        #expect(names.count == Country.all.count && names.first == "Afghanistan")
    }
}
