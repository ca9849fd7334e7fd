import Foundation

/// Limits failed sign-ins per account and per client address: after `limit` failures inside `window`,
/// further attempts are refused until the oldest failure leaves the window.
///
/// Kept in memory: a restart forgets failures, which only loosens the limit for one window.
actor LoginThrottle {
    let limit: Int
    let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    init(limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    /// Seconds until `keys` may try again, or nil when they may try now.
    func retryAfter(_ keys: [String], now: Date) -> TimeInterval? {
        let waits = keys.compactMap { key -> TimeInterval? in
            let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
            failures[key] = recent
            guard recent.count >= limit, let oldest = recent.first else { return nil }
            return window - now.timeIntervalSince(oldest)
        }
        return waits.max()
    }

    func recordFailure(_ keys: [String], now: Date) {
        for key in keys { failures[key, default: []].append(now) }
    }

    func recordSuccess(_ keys: [String]) {
        for key in keys { failures[key] = nil }
    }
}
