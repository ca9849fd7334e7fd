import BatonCore
import Logging
import ServiceLifecycle

/// The background loop that acts on SLA deadlines (D2–D4, X6): it fires every due timer, then sleeps until the next
/// one is due, waking at least every `pollInterval` so a deadline is acted on within that time. Timers are stored,
/// so a restart picks up where the last run stopped; shutdown waits for the current step to finish.
public struct SLATimerService: Service {
    let leads: LeadService
    let logger: Logger
    /// The longest the loop sleeps; timers are acted on within this time of their deadline.
    let pollInterval: Duration

    init(leads: LeadService, logger: Logger, pollInterval: Duration = .milliseconds(200)) {
        self.leads = leads
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
            try? await Task.sleep(for: pollInterval)
        }
    }

    /// Fires everything due now, in batches, and returns how many timers fired.
    @discardableResult
    public func fireDue() async throws -> Int {
        var total = 0
        while true {
            let now = leads.clock.now()
            let workflow = leads.workflow
            let fired = try await leads.store.fireDueTimers(at: now, limit: 500) { timer, lead, state in
                workflow.fire(timer, on: &lead, state: &state, at: now)
            }
            total += fired
            if fired < 500 { return total }
        }
    }
}
