import BatonStore
import Foundation
import Logging

/// Everything `buildApplication` needs, resolved once at the edge (flags, then environment, then defaults).
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var policyPath: String
    /// Where the data lives: an SQLite file or a PostgreSQL database.
    public var database: DatabaseLocation
    /// The address people use to reach Baton, for links printed on the console (setup link).
    public var publicURL: String
    /// Marks the session cookie Secure; on by default when `publicURL` is https.
    public var secureCookies: Bool
    /// bcrypt work factor; 12 in production, lower only in tests.
    public var bcryptCost: UInt8
    public var logLevel: Logger.Level
    /// The HubSpot app's client secret, which signs its webhooks; without it `/hooks/hubspot` is off.
    public var hubspotSecret: String?
    /// The Salesforce organisation whose outbound messages are taken; without it (and the hook token) the
    /// Salesforce hook is off.
    public var salesforceOrganizationID: String?
    /// The secret in the outbound message endpoint's URL (`/hooks/salesforce/{token}`), as Salesforce setups put
    /// a per-organisation token there; the organisation id alone is no secret.
    public var salesforceHookToken: String?
    /// When set, outbound messages are taken only from these addresses (Salesforce publishes its ranges).
    public var salesforceAllowedAddresses: [AddressRange]
    /// Reverse proxies whose `X-Forwarded-For` is believed; from anyone else the header is ignored.
    public var trustedProxies: [AddressRange]
    /// Hosts the website lead form may send visitors back to (`redirect`); any other address gets Baton's own
    /// thank-you page, so the form cannot be used as an open redirect.
    public var formRedirectHosts: Set<String>
    /// Slack incoming webhooks by channel ("#sdr-leads" → URL); "*" serves every channel without its own. Without
    /// any, notifications go to the in-app inbox only.
    public var slackWebhooks: [String: String]
    /// Seconds a post to Slack may take; a post sent but unanswered by then is not resent (Slack cannot tell a
    /// repeat) and is recorded as unconfirmed.
    public var slackTimeout: TimeInterval = 10
    /// This instance as it claims due timers and outbox messages; unique per server, so several instances on one
    /// PostgreSQL database never act on each other's claims.
    public var claimant = Claimant.unique()

    public init(
        host: String = "127.0.0.1", port: Int = 8080, policyPath: String, database: DatabaseLocation, publicURL: String? = nil,
        secureCookies: Bool? = nil, bcryptCost: UInt8 = 12, logLevel: Logger.Level = .info, hubspotSecret: String? = nil,
        salesforceOrganizationID: String? = nil, salesforceHookToken: String? = nil, salesforceAllowedAddresses: [AddressRange] = [],
        trustedProxies: [AddressRange] = [], formRedirectHosts: Set<String> = [], slackWebhooks: [String: String] = [:]
    ) {
        self.host = host
        self.port = port
        self.policyPath = policyPath
        self.database = database
        let url = publicURL ?? "http://\(host):\(port)"
        self.publicURL = url
        self.secureCookies = secureCookies ?? url.hasPrefix("https://")
        self.bcryptCost = bcryptCost
        self.logLevel = logLevel
        self.hubspotSecret = hubspotSecret
        self.salesforceOrganizationID = salesforceOrganizationID
        self.salesforceHookToken = salesforceHookToken
        self.salesforceAllowedAddresses = salesforceAllowedAddresses
        self.trustedProxies = trustedProxies
        self.formRedirectHosts = formRedirectHosts
        self.slackWebhooks = slackWebhooks
    }
}
