import Foundation

/// Limits attempts per key (an account at an address, a client address): after `limit` recorded attempts inside
/// `window`, further ones are refused until the oldest leaves the window. Sign-in records its failures; the
/// website form every post.
///
/// Kept in memory and bounded: past `maxKeys` keys, expired ones are dropped, then the keys idle longest, so a
/// flood of addresses cannot grow it without end. A restart forgets attempts, which only loosens the limit for
/// one window.
actor Throttle {
    let limit: Int
    let window: TimeInterval
    let maxKeys: Int
    private var attempts: [String: [Date]] = [:]

    init(limit: Int = 5, window: TimeInterval = 15 * 60, maxKeys: Int = 50_000) {
        self.limit = limit
        self.window = window
        self.maxKeys = maxKeys
    }

    /// Seconds until `keys` may try again, or nil when they may try now.
    func retryAfter(_ keys: [String], now: Date) -> TimeInterval? {
        let waits = keys.compactMap { key -> TimeInterval? in
            guard let recent = attempts[key].map({ $0.filter { now.timeIntervalSince($0) < window } }) else { return nil }
            attempts[key] = recent.isEmpty ? nil : recent
            guard recent.count >= limit, let oldest = recent.first else { return nil }
            return window - now.timeIntervalSince(oldest)
        }
        return waits.max()
    }

    func record(_ keys: [String], now: Date) {
        for key in keys { attempts[key, default: []].append(now) }
        if attempts.count > maxKeys { shrink(now: now) }
    }

    func clear(_ keys: [String]) {
        for key in keys { attempts[key] = nil }
    }

    /// How many keys are remembered (for tests of the bound).
    var keyCount: Int { attempts.count }

    private func shrink(now: Date) {
        attempts = attempts.filter { _, times in times.last.map { now.timeIntervalSince($0) < window } ?? false }
        guard attempts.count > maxKeys else { return }
        let idleFirst = attempts.sorted { ($0.value.last ?? .distantPast) < ($1.value.last ?? .distantPast) }
        for (key, _) in idleFirst.prefix(attempts.count - maxKeys * 3 / 4) { attempts[key] = nil }
    }
}
