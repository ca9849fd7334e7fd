import ArgumentParser
import BatonCore
import BatonServer
import Foundation

/// `baton simulate`: the lead response SLA attainment the team can expect (X4, D7).
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate the weeks ahead: the share of leads each tier can expect to be touched in time, with the people and volume the team has.",
        discussion: """
            Arrival rates by tier, weekday and hour come from the weeks of history before now (times --volume); reps are \
            the pools' members with their calendars, capacities and recorded absences. Discrete-event simulation with a \
            fixed seed: the same inputs give the same figures. Warns for each tier below the policy's sla_compliance \
            benchmark minimum (else 90 %).
            """)

    @Option(help: "Weeks to simulate, 1 to 26.") var weeks = 13
    @Option(help: "Times the recent volume of sales-ready leads.") var volume = 1.0
    @Option(help: "Mean minutes a rep takes to make a first touch.") var handling = 6.0
    @Option(help: "Weeks of history the arrival rates come from.") var history = 4
    @Option(help: "The random seed.") var seed: UInt64 = 1
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let request = Simulations.Request(weeks: weeks, volume: volume, handlingMinutes: handling, historyWeeks: history, seed: seed)
        if let problem = request.problem { throw ValidationError(problem) }
        let (store, policy) = try await database.openWithPolicy()
        guard let simulation = try await Simulations(store: store).run(request, policy: policy, now: SystemClock().now()) else {
            throw ValidationError("The policy has no lead handoff with a calendar and response tiers to simulate.")
        }
        print(Simulations.text(simulation, policy: policy, request: request))
    }
}
