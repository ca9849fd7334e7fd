import ArgumentParser
import BatonCore
import BatonPolicy
import BatonServer
import BatonStore
import Foundation
import Hummingbird
import Logging

/// `baton serve`: run the server for real use.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the Baton server.")

    @OptionGroup var policy: PolicyFileOptions
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Address to listen on (env BATON_HOST).")
    var host: String = ProcessInfo.processInfo.environment["BATON_HOST"] ?? "127.0.0.1"
    @Option(help: "Port to listen on (env BATON_PORT).")
    var port: Int = Int(ProcessInfo.processInfo.environment["BATON_PORT"] ?? "") ?? 8080
    @Option(help: "The address people use, e.g. https://baton.example.com (env BATON_PUBLIC_URL); https marks cookies Secure.")
    var publicURL: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var configuration = ServerConfiguration(
            host: host, port: port, policyPath: policy.policy, database: try database.location(),
            publicURL: publicURL ?? environment["BATON_PUBLIC_URL"], hubspotSecret: environment["BATON_HUBSPOT_SECRET"],
            salesforceOrganizationID: environment["BATON_SALESFORCE_ORG_ID"], salesforceHookToken: environment["BATON_SALESFORCE_HOOK_TOKEN"],
            salesforceAllowedAddresses: try Self.addresses(environment, "BATON_SALESFORCE_ALLOWED_IPS"),
            trustedProxies: try Self.addresses(environment, "BATON_TRUSTED_PROXIES"),
            formRedirectHosts: Set(Self.list(environment["BATON_FORM_REDIRECT_HOSTS"])),
            slackWebhooks: Self.webhooks(default: environment["BATON_SLACK_WEBHOOK_URL"], byChannel: environment["BATON_SLACK_WEBHOOKS"]))
        if let timeout = environment["BATON_SLACK_TIMEOUT"] {
            guard let seconds = TimeInterval(timeout), seconds > 0 else { throw ValidationError("BATON_SLACK_TIMEOUT: expected seconds, e.g. 10") }
            configuration.slackTimeout = seconds
        }
        let publicURL = configuration.publicURL
        try await Server.run(configuration) { report in
            print("Baton is listening on \(publicURL) — policy version \(report.policyVersion.id) (\(report.policyVersion.hash.prefix(12)))")
            if let link = report.setupLink {
                print("No one can sign in yet. Open this one-time link to set the first admin's password (valid 24 hours):\n  \(link)")
            }
        }
    }
}

extension ServeCommand {
    /// A comma-separated list from the environment.
    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A comma-separated list of addresses and CIDR ranges from the environment; a wrong entry stops the server.
    static func addresses(_ environment: [String: String], _ name: String) throws -> [AddressRange] {
        let (ranges, invalid) = AddressRange.list(environment[name] ?? "")
        guard invalid.isEmpty else {
            throw ValidationError("\(name): \(invalid.joined(separator: ", ")) is not an IP address or CIDR range (e.g. 10.0.0.0/8).")
        }
        return ranges
    }

    /// `BATON_SLACK_WEBHOOK_URL` for every channel, and `BATON_SLACK_WEBHOOKS` as `#channel=URL,#other=URL`.
    static func webhooks(default url: String?, byChannel: String?) -> [String: String] {
        var webhooks: [String: String] = [:]
        if let url, !url.isEmpty { webhooks["*"] = url }
        for pair in list(byChannel) {
            guard let split = pair.firstIndex(of: "=") else { continue }
            webhooks[String(pair[..<split])] = String(pair[pair.index(after: split)...])
        }
        return webhooks
    }
}

/// Starting and running a server, shared by `serve` and `demo`.
enum Server {
    static func run(_ configuration: ServerConfiguration, announce: @escaping @Sendable (StartupReport) -> Void) async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = configuration.logLevel
            return handler
        }
        do {
            let store = try await configuration.database.open()
            let built = try await buildApplication(configuration, store: store)
            announce(built.startup)
            fflush(nil)
            try await built.application.runService()
        } catch let invalid as PolicyInvalid {
            printToStandardError(invalid.description)
            printToStandardError("The server did not start: fix the policy and try again.")
            throw ExitCode.failure
        }
    }
}
