import BatonCore
import HTTPTypes
import Hummingbird

/// Works out who the client is behind reverse proxies: `X-Forwarded-For` is believed only when the socket's peer
/// is a configured trusted proxy, and then only back to the first address that is not one (the rightmost
/// untrusted entry), so a client cannot name itself by sending the header.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = BatonRequestContext
    let trustedProxies: [AddressRange]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.clientAddress = Self.client(peer: context.peerAddress, forwardedFor: request.headers[values: .xForwardedFor], trusted: trustedProxies)
        return try await next(request, context)
    }

    static func client(peer: String, forwardedFor: [String], trusted: [AddressRange]) -> String {
        func isTrusted(_ address: String) -> Bool { trusted.contains { $0.contains(address) } }
        guard isTrusted(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { String($0).trimmedWhitespace }.filter { !$0.isEmpty }
        for hop in hops.reversed() where !isTrusted(hop) {
            return AddressRange.bytes(hop) == nil ? peer : hop
        }
        return hops.first ?? peer
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
}
