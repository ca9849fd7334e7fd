import BatonCore
import BatonStore
import Logging
import ServiceLifecycle

/// The background loop that acts on SLA deadlines (D2–D4, X6) of leads and of work items: it fires every due timer,
/// then sleeps, waking at least every `pollInterval` so a deadline is acted on within that time. Timers are stored,
/// so a restart picks up where the last run stopped; shutdown waits for the current step to finish.
///
/// With several instances on one database each claims due timers in bulk under its own `claimant` and fires only
/// what it holds; a claim held by an instance that died is taken over when its lease ends. When nothing is due the
/// loop only reads (when the next timer comes due): an idle server does not write every poll.
public struct SLATimerService: Service {
    let leads: LeadService
    let work: WorkService
    let claimant: Claimant
    let logger: Logger
    /// The longest the loop sleeps; timers are acted on within this time of their deadline.
    let pollInterval: Duration

    init(leads: LeadService, work: WorkService, claimant: Claimant, logger: Logger, pollInterval: Duration = .milliseconds(200)) {
        self.leads = leads
        self.work = work
        self.claimant = claimant
        self.logger = logger
        self.pollInterval = pollInterval
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let fired = try await fireDue()
                if fired > 0 { logger.info("SLA timers fired", metadata: ["count": "\(fired)"]) }
            } catch {
                logger.error("SLA timers could not fire", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: await pause())
        }
    }

    /// Until the next timer is due, if that is sooner than `pollInterval` (at least 10 ms): when timers come due
    /// all the time, each is acted on moments after its deadline instead of up to a poll later.
    func pause() async -> Duration {
        guard let next = try? await leads.store.nextTimerDue() else { return pollInterval }
        let wait = Duration.milliseconds(Int64(max(0, next.timeIntervalSince(leads.clock.now())) * 1000))
        return max(.milliseconds(10), min(pollInterval, wait))
    }

    /// Fires everything due now, in batches, and returns how many timers fired.
    @discardableResult
    public func fireDue() async throws -> Int {
        var total = 0
        while true {
            let now = leads.clock.now()
            guard let next = try await leads.store.nextTimerDue(), next <= now else { return total }
            let workflow = leads.workflow
            let fired = try await leads.store.fireDueTimers(at: now, limit: 500, by: claimant) { timer, lead, state in
                workflow.fire(timer, on: &lead, state: &state, at: now)
            }
            let work = self.work.workflow
            let firedWork = try await self.work.store.fireDueWorkTimers(at: now, limit: 500, by: claimant) { timer, item, roster in
                let change = work.fire(timer, on: &item, roster: &roster, at: now)
                return (change, work.summary(item))
            }
            total += fired + firedWork
            if fired < 500 && firedWork < 500 { return total }
        }
    }
}
