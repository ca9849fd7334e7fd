import BatonCore
import BatonServer
import BatonStore
import BatonTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Lead CSV import")
struct LeadImportTests {
    /// A HubSpot contacts export: a quoted note over two lines (3–4), a blank line (5), a short row (6), a bad email
    /// (7, imported into remediation) and an unreadable creation time (8).
    static let hubspotExport = """
        Record ID,First Name,Last Name,Email,Company Name,Job Title,Country/Region,Industry,Number of Employees,Marketing contact status,Create Date,activity_kind,Lead Source Detail
        5101,Maren,Weber,m.weber@kaufhaus-nord.de,Kaufhaus Nord,Head of Analytics,Germany,Retail,400,Marketing contact,2027-01-15 07:50,demo_request,"Spring fair, booth 4"
        5102,Jonas,Brandt,j.brandt@stadtwerk-sued.de,Stadtwerk Süd,CTO,DE,Software,1200,Marketing contact,2027-01-14,pricing_page_visit,"Met at the fair.
        Wants a call"

        5103,Lea,Kraus,lea.kraus@
        5104,Tim,Vogel,tim.vogel@@example,Vogel GmbH,Head of Data,DE,Retail,300,Marketing contact,2027-01-14,,
        5105,Ida,Lang,ida.lang@lang-media.de,Lang Media,Director,DE,Media,90,Marketing contact,yesterday,,

        """

    func setup() async throws -> (application: some ApplicationProtocol, store: SQLiteStore, token: String) {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        let token = try await TokenIssuer(store: store, clock: clock)
            .issue(name: "Imports", accountEmail: "tomas@northwind.example", scopes: [.leadsRead, .leadsWrite], actor: "test").secret
        return (try await buildApplication(configuration, store: store, clock: clock).application, store, token)
    }

    func post(_ csv: String, query: String = "", token: String, on client: some TestClientProtocol) async throws -> TestResponse {
        try await client.execute(
            uri: "/api/v1/imports" + query, method: .post, headers: [.authorization: "Bearer \(token)", .contentType: "text/csv"],
            body: ByteBuffer(string: csv))
    }

    /// A Leads X Education-style export: opt-out as "Do Not Email", "Select" for an unanswered question.
    static let optOutExport = """
        Email,Last Name,Company,Job Title,Country,Consent Source,Do Not Email,Lead Origin
        a.ray@northwind-demo.de,Ray,Ray AG,Head of IT,Germany,Select,No,API
        b.ng@northwind-demo.de,Ng,Ng GmbH,CTO,Germany,Web,Yes,Landing Page Submission
        c.li@northwind-demo.de,Li,Li KG,CFO,Germany,Select,No,API

        """

    @Test("a dry run previews each column's values after the mapping's steps and stores nothing; opt-out columns are turned round")
    func dryRunAndTransforms() async throws {
        let (application, store, token) = try await setup()
        try await application.test(.router) { client in
            let preview = try await post(Self.optOutExport, query: "?dry_run=true&blank=Select&map=Lead%20Origin%3Dutm_source%7Capi%3Eapi-feed", token: token, on: client)
            #expect(preview.status == .ok)
            let columns = try #require(preview.json["columns"] as? [[String: Any]])
            func values(_ header: String) -> [String: Int] {
                let column = columns.first { $0["header"] as? String == header }
                return Dictionary(uniqueKeysWithValues: ((column?["values"] as? [[String: Any]]) ?? []).map { ($0["value"] as! String, $0["count"] as! Int) })
            }
            #expect(values("Do Not Email") == ["yes": 2, "no": 1], "an opted-out person is a no to consent")
            #expect(values("Consent Source") == ["Web": 1], "Select is a blank")
            #expect(values("Lead Origin") == ["api-feed": 2, "Landing Page Submission": 1], "values renamed by the mapping")
            #expect(preview.json["rows"] as? Int == 3 && (preview.json["sample"] as? [[String: String]])?.count == 3)
            #expect(try await store.countLeads(LeadQuery()) == 0, "a dry run stores nothing")

            let kept = try await post(Self.optOutExport, query: "?dry_run=true&map=Do%20Not%20Email%3Dconsent_email%7Ckeep", token: token, on: client)
            let keptColumns = try #require(kept.json["columns"] as? [[String: Any]])
            #expect((keptColumns.first { $0["header"] as? String == "Do Not Email" }?["values"] as? [[String: Any]])?.first?["value"] as? String == "No", "keep takes values as written")
            let bad = try await post(Self.optOutExport, query: "?map=Do%20Not%20Email%3Dconsent_email%7Cflip", token: token, on: client)
            #expect(bad.status == .badRequest && bad.text.contains("not a step"))

            let wouldHold = try #require(preview.json["would_hold"] as? Int)
            #expect(try await post(Self.optOutExport, token: token, on: client).status == .created)
            let imported = try await store.leads(LeadQuery())
            #expect(imported.filter { $0.status == .remediation }.count == wouldHold, "the preview decides rows as the import does")
            #expect(imported.first { $0.fields["email"] == "b.ng@northwind-demo.de" }?.fields["consent_email"] == "false")
            #expect(imported.first { $0.fields["email"] == "a.ray@northwind-demo.de" }?.fields["consent_email"] == "true")
        }
    }

    @Test("the import page previews an upload and imports it on confirmation")
    func importPage() async throws {
        let (application, store, _) = try await setup()
        try await application.test(.router) { client in
            let tomas = try #require(try await client.signIn("tomas@northwind.example"))
            #expect(try await client.execute("/leads/import", as: tomas).text.contains("enctype=\"multipart/form-data\""))
            let boundary = "baton-test-boundary"
            func part(_ name: String, _ value: String, file: Bool = false) -> String {
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\(file ? "; filename=\"leads.csv\"\r\nContent-Type: text/csv" : "")\r\n\r\n\(value)\r\n"
            }
            let body = part("_csrf", tomas.csrf) + part("map", "Lead Origin=utm_source|api>api-feed") + part("blank", "Select")
                + part("file", Self.optOutExport, file: true) + "--\(boundary)--\r\n"
            let preview = try await client.execute(
                uri: "/leads/import", method: .post,
                headers: [.cookie: "baton_session=\(tomas.cookie)", .contentType: "multipart/form-data; boundary=\(boundary)"],
                body: ByteBuffer(string: body))
            #expect(preview.status == .ok)
            #expect(preview.text.contains("<th scope=\"row\">Do Not Email</th><td><code>consent_email</code></td><td>yes (2), no (1)</td>"), "\(preview.text.prefix(0))")
            #expect(try await store.countLeads(LeadQuery()) == 0, "a preview stores no lead")
            let token = try #require(preview.text.firstMatch(of: /action="\/leads\/import\/([0-9a-f-]+)"/)?.1)
            let forged = try await client.execute(
                uri: "/leads/import", method: .post,
                headers: [.cookie: "baton_session=\(tomas.cookie)", .contentType: "multipart/form-data; boundary=\(boundary)"],
                body: ByteBuffer(string: body.replacingOccurrences(of: tomas.csrf, with: "forged")))
            #expect(forged.status == .forbidden)
            let imported = try await client.execute(
                uri: "/leads/import/\(token)", method: .post,
                headers: [.cookie: "baton_session=\(tomas.cookie)", .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "_csrf=\(tomas.csrf)&map=Lead%20Origin%3Dutm_source%7Capi%3Eapi-feed&blank=Select"))
            #expect(imported.text.contains("3 rows: 3 new leads"))
            #expect(try await store.countLeads(LeadQuery()) == 3)
            #expect(try await store.leads(LeadQuery()).filter { $0.fields["utm_source"] == "api-feed" }.count == 2)
            let again = try await client.execute(
                uri: "/leads/import/\(token)", method: .post,
                headers: [.cookie: "baton_session=\(tomas.cookie)", .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "_csrf=\(tomas.csrf)"))
            #expect(again.status == .notFound, "an upload is imported once")
        }
    }

    @Test("bytes that are not UTF-8 lose no row: it is imported and held for its invalid value")
    func invalidUTF8() async throws {
        let (application, store, token) = try await setup()
        try await application.test(.router) { client in
            var body = Data("Email,Last Name\nok1@csv.example,One\nbad".utf8)
            body.append(0xFF)
            body.append(contentsOf: Data("@csv.example,Two\nok3@csv.example,Three\n".utf8))
            let response = try await client.execute(
                uri: "/api/v1/imports", method: .post, headers: [.authorization: "Bearer \(token)", .contentType: "text/csv"],
                body: ByteBuffer(bytes: body))
            #expect(response.json["rows"] as? Int == 3 && response.json["created"] as? Int == 3, "\(response.text)")
            #expect(try await store.leads(LeadQuery()).contains { $0.fields["email"] == "bad\u{FFFD}@csv.example" })
        }
    }

    @Test("a HubSpot export imports its good rows, names each bad row by line, and a second import changes nothing")
    func hubspotExport() async throws {
        let (application, store, token) = try await setup()
        try await application.test(.router) { client in
            let first = try await post(Self.hubspotExport, token: token, on: client)
            #expect(first.status == .created)
            let report = first.json
            #expect(report["rows"] as? Int == 5 && report["created"] as? Int == 3)
            let rejected = try #require(report["rejected"] as? [[String: Any]])
            #expect(rejected.map { $0["line"] as? Int } == [6, 8])
            #expect((rejected[0]["reason"] as? String)?.contains("expected 13 values") == true)
            #expect((rejected[1]["reason"] as? String)?.hasPrefix("Create Date: \"yesterday\" is not a time") == true)
            let held = try #require(report["held"] as? [[String: Any]])
            #expect(held.count == 1 && held[0]["line"] as? Int == 7 && held[0]["status"] as? String == "remediation")
            #expect((held[0]["problems"] as? [String])?.contains { $0.hasPrefix("email:") } == true)

            let maren = try #require(try await store.leads(LeadQuery()).first { $0.fields["email"] == "m.weber@kaufhaus-nord.de" })
            #expect(maren.source == "csv_import" && maren.sourceID == "5101" && maren.owner == "ana" && maren.status == .assigned)
            #expect(maren.fields["consent_email"] == "true" && maren.fields["country"] == "DE")
            #expect(maren.extras["Lead Source Detail"] == "Spring fair, booth 4")
            #expect(maren.activities.map(\.kind) == ["demo_request"])
            #expect(maren.submittedAt == Date(timeIntervalSince1970: 1_800_000_000 - 600))

            let again = try await post(Self.hubspotExport, token: token, on: client)
            #expect(again.status == .ok && again.json["created"] as? Int == 0 && again.json["repeated"] as? Int == 3)
            #expect(try await store.leadCounts().values.reduce(0, +) == 3)
        }
    }

    @Test("a column mapping reads any header; a mapping to no field, or to a missing column, imports nothing")
    func mapping() async throws {
        let (application, store, token) = try await setup()
        let csv = "E-Mail Adresse,Nachname,Firma,Position,Land,Einwilligung\nk.ott@ott-handel.de,Ott,Ott Handel,Head of Sales,Deutschland,ja\n"
        try await application.test(.router) { client in
            let wrongField = try await post(csv, query: "?map=E-Mail%20Adresse=mail", token: token, on: client)
            let error = try #require(wrongField.json["error"] as? [String: Any])
            #expect(wrongField.status == .badRequest && error["code"] as? String == "invalid_csv")
            #expect((error["message"] as? String)?.contains("E-Mail Adresse=mail names no lead field") == true)
            let missing = try await post(csv, query: "?map=Email=email", token: token, on: client)
            #expect(((missing.json["error"] as? [String: Any])?["message"] as? String)?.contains("\"Email\", which the header does not have") == true)
            #expect(try await store.leadCounts().isEmpty)

            let query = "?map=E-Mail%20Adresse=email&map=Nachname=last_name&map=Firma=company&map=Position=job_title&map=Land=country&map=Einwilligung=consent_email"
            let mapped = try await post(csv, query: query, token: token, on: client)
            #expect(mapped.status == .created && mapped.json["created"] as? Int == 1)
            let lead = try #require(try await store.leads(LeadQuery()).first)
            #expect(lead.fields["email"] == "k.ott@ott-handel.de" && lead.fields["company"] == "Ott Handel")
        }
    }

    @Test("baton import reads a Salesforce export from a file into the database, turning the opt-out column round")
    func salesforceFile() async throws {
        let configuration = testConfiguration()
        let file = temporaryDirectory() + "/leads.csv"
        try """
            Lead ID,First Name,Last Name,Email,Company,Title,Country,Industry,No. of Employees,Email Opt Out,Last Activity
            00Q5g00000AbCdE,Rosa,Martín,rosa@tiendas-sol.es,Tiendas Sol,Head of Marketing,Spain,Retail,250,0,Webinar
            00Q5g00000AbCdF,Piet,Jansen,piet@jansen.nl,Jansen BV,Director,Netherlands,Retail,180,1,Call

            """.write(toFile: file, atomically: true, encoding: .utf8)
        let report = try await LeadCSVImporter(configuration: configuration).run(file: file, mapping: [], actor: "test", clock: ManualClock())
        #expect(report.created == 2 && report.rejected.isEmpty)
        let store = try await configuration.database.open()
        let leads = try await store.leads(LeadQuery())
        #expect(Set(leads.compactMap(\.sourceID)) == ["00Q5g00000AbCdE", "00Q5g00000AbCdF"])
        #expect(leads.first { $0.sourceID == "00Q5g00000AbCdE" }?.fields["consent_email"] == "true")
        #expect(leads.first { $0.sourceID == "00Q5g00000AbCdF" }?.status == .noConsent)
        #expect(report.summary(file: "leads.csv").hasPrefix("leads.csv: 2 rows — 2 new leads"))

        await #expect(throws: LeadCSVImporter.Refused.self) {
            try await LeadCSVImporter(configuration: configuration).run(file: file + ".missing", mapping: [], actor: "test")
        }
    }
}
