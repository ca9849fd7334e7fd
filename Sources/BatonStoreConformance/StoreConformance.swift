import BatonCore
import BatonStore
import Foundation

/// The behaviour every `BatonStorage` implementation must show, as named cases a test target runs one by one
/// against a fresh store (like Fluent's FluentBenchmark).
public enum StoreConformance {
    /// One behaviour: a name for the test report and the check itself.
    public struct Case: Sendable, CustomStringConvertible {
        public let name: String
        public let run: @Sendable (any BatonStorage) async throws -> Void
        public var description: String { name }
    }

    /// A broken expectation, with what was expected and what was found.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition { throw Failure(description: message()) }
    }

    static let people = [
        Person(id: "rhea", name: "Rhea Okafor", email: "rhea@example.com", team: "ops", roles: [], access: .admin),
        Person(id: "ana", name: "Ana Souza", email: "ana@example.com", team: "sales", roles: ["sdr"], access: .salesRep),
    ]

    public static var cases: [Case] { basicCases + leadCases + leadListCases + notificationCases + workCases + timerCases + batchCases + secretCases + textCases + outcomeCases + auditCases }

    static let basicCases: [Case] = [
        Case(name: "events get increasing sequences and read back in order") { store in
            let appended = try await store.append([
                NewEvent(type: "a.one", actor: "system", at: start, payload: ["k": "v"]),
                NewEvent(type: "a.two", actor: "system", at: start.addingTimeInterval(1)),
            ])
            try expect(appended.count == 2 && appended[0].sequence < appended[1].sequence, "sequences must increase")
            let read = try await store.events(after: 0, limit: 10)
            try expect(read.map(\.type) == ["a.one", "a.two"], "expected both events in order, found \(read.map(\.type))")
            try expect(read[0].payload == #"{"k":"v"}"#, "payload must round-trip as JSON, found \(read[0].payload)")
            try expect(read[0].at == start, "time must round-trip")
        },
        Case(name: "an announced event writes one outbox message per topic") { store in
            let events = try await store.append([
                NewEvent(type: "lead.assigned", actor: "system", at: start, announce: ["slack", "inbox"]),
                NewEvent(type: "lead.viewed", actor: "system", at: start),
            ])
            let slack = try await store.pendingOutbox(topic: "slack", limit: 10)
            try expect(slack.count == 1 && slack[0].eventSequence == events[0].sequence, "one slack message for the announced event")
            try expect(try await store.pendingOutbox(topic: "inbox", limit: 10).count == 1, "one inbox message")
        },
        Case(name: "a policy version is stored once per content hash") { store in
            let first = try await store.recordPolicyVersion(source: "a", hash: "h1", file: "p.yaml", actor: "system", at: start)
            let again = try await store.recordPolicyVersion(source: "a", hash: "h1", file: "p.yaml", actor: "system", at: start)
            let second = try await store.recordPolicyVersion(source: "b", hash: "h2", file: "p.yaml", actor: "rhea", at: start)
            try expect(first.isNew && !again.isNew && second.isNew, "only changed text makes a new version")
            try expect(again.version.id == first.version.id, "the same text keeps its version")
            let versions = try await store.policyVersions()
            try expect(versions.map(\.hash) == ["h2", "h1"], "versions newest first, found \(versions.map(\.hash))")
            try expect(try await store.policyVersion(id: first.version.id)?.source == "a", "a version keeps its text")
            let events = try await store.events(after: 0, limit: 10).filter { $0.type == "policy.version_recorded" }
            try expect(events.count == 2, "one event per new version")
            try expect(try await store.pendingOutbox(topic: "policy", limit: 10).count == 2, "each version announced")
        },
        Case(name: "accounts follow the policy's people") { store in
            try await store.syncAccounts(with: people, policyVersion: 1, at: start)
            try expect(try await store.accounts().map(\.id) == ["ana", "rhea"], "both people become accounts")
            var changed = people
            changed[1].access = .salesManager
            try await store.syncAccounts(with: [changed[1]], policyVersion: 2, at: start)
            let rhea = try await store.account(id: "rhea")
            try expect(rhea?.active == false, "a person removed from the policy is deactivated")
            try expect(try await store.account(email: "ANA@example.com")?.access == .salesManager, "email lookup ignores case; access follows the policy")
            let types = try await store.events(after: 0, limit: 20).map(\.type)
            try expect(types.filter { $0 == "account.created" }.count == 2 && types.contains("account.updated") && types.contains("account.deactivated"),
                "every account change is an event, found \(types)")
        },
        Case(name: "passwords, setup tokens and sessions") { store in
            try await store.syncAccounts(with: people, policyVersion: 1, at: start)
            try expect(try await !store.anyPasswordSet(), "a new store has no password")
            try await store.createSetupToken(hash: "setup", accountID: "rhea", expiresAt: start.addingTimeInterval(60), at: start)
            try expect(try await store.redeemSetupToken(hash: "setup", at: start.addingTimeInterval(61)) == nil, "an expired setup token fails")
            try await store.createSetupToken(hash: "setup2", accountID: "rhea", expiresAt: start.addingTimeInterval(60), at: start)
            try expect(try await store.setupTokenIsLive(hash: "setup2", at: start), "a fresh setup token is live")
            try expect(try await store.redeemSetupToken(hash: "setup2", at: start) == "rhea", "a setup token redeems once")
            try expect(try await store.redeemSetupToken(hash: "setup2", at: start) == nil, "and only once")
            try expect(try await !store.setupTokenIsLive(hash: "setup2", at: start), "a used setup token is not live")
            try await store.createSetupToken(hash: "setup3", accountID: "rhea", expiresAt: start.addingTimeInterval(60), at: start)
            try await store.setPassword(accountID: "rhea", hash: "bcrypt", actor: "rhea", at: start)
            try expect(try await !store.setupTokenIsLive(hash: "setup3", at: start), "a password ends every setup token of the account")
            let anySet = try await store.anyPasswordSet()
            try expect(try await store.passwordHash(accountID: "rhea") == "bcrypt" && anySet, "password stored")
            let session = Session(accountID: "rhea", csrfToken: "csrf", expiresAt: start.addingTimeInterval(3600))
            try await store.createSession(tokenHash: "cookie", session: session, at: start)
            try expect(try await store.session(tokenHash: "cookie", at: start) == session, "session found")
            try expect(try await store.session(tokenHash: "cookie", at: start.addingTimeInterval(3601)) == nil, "session expires")
            try await store.deleteSession(tokenHash: "cookie", actor: "rhea", at: start)
            try expect(try await store.session(tokenHash: "cookie", at: start) == nil, "signed out")
        },
        Case(name: "API tokens are found by secret hash until revoked") { store in
            try await store.syncAccounts(with: people, policyVersion: 1, at: start)
            let token = APIToken(id: "t1", name: "HubSpot", accountID: "ana", scopes: [.policyRead], createdAt: start)
            try await store.createAPIToken(token, secretHash: "secret", actor: "rhea")
            try expect(try await store.apiToken(secretHash: "secret") == token, "token found with its scopes")
            try expect(try await store.revokeAPIToken(id: "t1", actor: "rhea", at: start), "revoked")
            try expect(try await !store.revokeAPIToken(id: "t1", actor: "rhea", at: start), "revoking twice reports nothing to revoke")
            try expect(try await store.apiToken(secretHash: "secret") == nil, "a revoked token no longer authenticates")
            try expect(try await store.apiTokens().first?.revokedAt == start, "the token list shows the revocation")
        },
    ]
}
