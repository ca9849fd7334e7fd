import Foundation

/// Limits attempts per key (an account, a client address): after `limit` recorded attempts inside `window`, further
/// ones are refused until the oldest leaves the window. Sign-in records its failures; the website form every post.
///
/// Kept in memory: a restart forgets attempts, which only loosens the limit for one window.
actor Throttle {
    let limit: Int
    let window: TimeInterval
    private var attempts: [String: [Date]] = [:]

    init(limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    /// Seconds until `keys` may try again, or nil when they may try now.
    func retryAfter(_ keys: [String], now: Date) -> TimeInterval? {
        let waits = keys.compactMap { key -> TimeInterval? in
            let recent = (attempts[key] ?? []).filter { now.timeIntervalSince($0) < window }
            attempts[key] = recent
            guard recent.count >= limit, let oldest = recent.first else { return nil }
            return window - now.timeIntervalSince(oldest)
        }
        return waits.max()
    }

    func record(_ keys: [String], now: Date) {
        for key in keys { attempts[key, default: []].append(now) }
    }

    func clear(_ keys: [String]) {
        for key in keys { attempts[key] = nil }
    }
}
