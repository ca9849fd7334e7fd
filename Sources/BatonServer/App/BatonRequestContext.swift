import BatonCore
import Hummingbird
import Logging
import NIOCore

/// The per-request context: Hummingbird's core storage plus who is calling.
public struct BatonRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `AuthenticationMiddleware` when a session cookie or bearer token is valid.
    public var identity: Identity?
    /// Largest accepted request body; larger ones are answered 413.
    public var maxUploadSize: Int { 2 * 1024 * 1024 }

    /// The client's IP address: the socket's peer, or what a trusted proxy says it forwarded for
    /// (`ClientAddressMiddleware`). Throttles and hook allowlists use it.
    public var clientAddress: String
    /// The socket's peer, whatever proxies claim.
    public let peerAddress: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        clientAddress = peerAddress
    }
}

/// Who is calling, and how they proved it.
public struct Identity: Sendable {
    /// How the caller authenticated.
    public enum Credential: Sendable {
        /// A browser session, whose CSRF token unsafe requests must echo.
        case session(csrfToken: String, cookieHash: String)
        /// A bearer token, limited to its scopes.
        case token(APIToken)
    }

    public var account: Account
    public var credential: Credential

    /// The actor recorded on events: the person, or the token acting for them.
    public var actor: String {
        switch credential {
        case .session: account.id
        case .token(let token): "token:\(token.id)"
        }
    }

    public var csrfToken: String? {
        if case .session(let csrf, _) = credential { return csrf }
        return nil
    }
}
