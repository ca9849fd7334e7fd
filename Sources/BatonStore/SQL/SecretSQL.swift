/// Shared secrets as SQL both databases read: the first proposal is kept, later ones read it back.
enum SecretSQL {
    static func propose(_ name: String, _ value: String) -> SQLStatement {
        SQLStatement(sql: "INSERT INTO shared_secret (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", arguments: [.text(name), .text(value)])
    }

    static let read = "SELECT value FROM shared_secret WHERE name = ?"
}
