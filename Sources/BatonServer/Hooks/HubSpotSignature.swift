import BatonStore
import Crypto
import Foundation

/// HubSpot's request signatures: v3 (HMAC-SHA256 over method, URI, body and timestamp, base64, at most five minutes
/// old) and the older v1 and v2 (SHA-256 of secret and request, hex). Comparisons take constant time.
struct HubSpotSignature: Sendable {
    let secret: String
    /// How old a v3 request may be.
    static let maximumAge: TimeInterval = 300

    /// Which signature a request carried.
    enum Version: Equatable {
        /// Timestamped: a replay is refused by its age.
        case v3
        /// v1 or v2: no timestamp, so a replay is recognised only by its delivery ids.
        case legacy
    }

    enum Failure: Error, Equatable {
        case missing
        case stale
        case mismatch
    }

    /// v3: `base64(hmac_sha256(secret, method + uri + body + timestamp))`; `uri` is the full URL HubSpot called.
    func v3(method: String, uri: String, body: Data, timestamp: String) -> String {
        var message = Data((method + (uri.removingPercentEncoding ?? uri)).utf8)
        message.append(body)
        message.append(Data(timestamp.utf8))
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8)))
        return Data(code).base64EncodedString()
    }

    /// v1: `hex(sha256(secret + body))`.
    func v1(body: Data) -> String { ContentHash.sha256(Data(secret.utf8) + body) }

    /// v2: `hex(sha256(secret + method + uri + body))`.
    func v2(method: String, uri: String, body: Data) -> String { ContentHash.sha256(Data((secret + method + uri).utf8) + body) }

    /// Checks a request's headers: v3 when present (never falling back to v1 or v2 then), else v1 or v2 as
    /// `X-HubSpot-Signature-Version` says. Returns which one it checked.
    @discardableResult
    func verify(method: String, uri: String, body: Data, headers: [String: String], now: Date) throws(Failure) -> Version {
        if let signature = headers["x-hubspot-signature-v3"] {
            guard let timestamp = headers["x-hubspot-request-timestamp"], let millis = Double(timestamp) else { throw .missing }
            let age = now.timeIntervalSince1970 - millis / 1000
            guard age <= Self.maximumAge, age >= -Self.maximumAge else { throw .stale }
            guard Secrets.equal(signature, v3(method: method, uri: uri, body: body, timestamp: timestamp)) else { throw .mismatch }
            return .v3
        }
        guard let signature = headers["x-hubspot-signature"] else { throw .missing }
        let expected = headers["x-hubspot-signature-version"] == "v2" ? v2(method: method, uri: uri, body: body) : v1(body: body)
        guard Secrets.equal(signature.lowercased(), expected) else { throw .mismatch }
        return .legacy
    }
}
