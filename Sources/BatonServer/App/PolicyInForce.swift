import BatonCore
import BatonPolicy

/// The policy the server runs on, with the stored version it became.
public struct PolicyInForce: Sendable {
    public let loaded: LoadedPolicy
    public let version: PolicyVersion

    public var policy: Policy { loaded.policy }
}
