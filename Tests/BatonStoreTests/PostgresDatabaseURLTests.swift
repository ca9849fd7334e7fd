import BatonStore
import Foundation
import Testing

@Suite("PostgreSQL database URLs")
struct PostgresDatabaseURLTests {
    @Test("host, port, user, database and TLS from the URL; the password from PGPASSWORD or a file, never the URL")
    func reads() throws {
        let url = try PostgresDatabaseURL("postgres://baton@db.example.com:6543/crm?sslmode=verify-full", environment: ["PGPASSWORD": "s3cret"])
        #expect(url.host == "db.example.com" && url.port == 6543 && url.user == "baton" && url.database == "crm")
        #expect(url.requiresTLS && url.verifiesCertificate && url.password == "s3cret")
        #expect(url.description == "postgres://baton@db.example.com:6543/crm?sslmode=verify-full", "no secret in what is logged")
        let file = NSTemporaryDirectory() + "pgpass-\(UUID().uuidString)"
        try "from-file\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try PostgresDatabaseURL("postgresql://baton@db/crm", passwordFile: file, environment: ["PGPASSWORD": "env"]).password == "from-file")
    }

    @Test("a password in the URL, no database, an unknown sslmode or a missing password file is refused with what to do")
    func refuses() {
        for (text, expected) in [
            ("postgres://baton:s3cret@db/crm", "must not carry the password"), ("postgres://baton@db", "names no database"),
            ("postgres://baton@db/", "names no database"), ("postgres://baton@db/crm?sslmode=bogus", "sslmode must be"),
            ("mysql://baton@db/crm", "must look like postgres://"),
        ] {
            let error = #expect(throws: StoreError.self, "\(text)") { try PostgresDatabaseURL(text, environment: [:]) }
            #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
        }
        #expect(throws: StoreError.self) { try PostgresDatabaseURL("postgres://baton@db/crm", passwordFile: "/nonexistent/pgpass", environment: [:]) }
    }
}
