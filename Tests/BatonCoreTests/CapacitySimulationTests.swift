@testable import BatonCore
import Foundation
import Testing

/// The capacity simulation on small teams whose outcome can be worked out by hand.
@Suite("Capacity simulation")
struct CapacitySimulationTests {
    /// Monday to Friday, 09:00–17:00 UTC.
    static let office = BusinessTime(BusinessCalendar(
        id: "office", name: "Office", timeZone: "UTC",
        workingHours: [Weekday.mon, .tue, .wed, .thu, .fri].map { WorkingDay(day: $0, start: ClockTime(hour: 9, minute: 0), end: ClockTime(hour: 17, minute: 0)) },
        holidays: []))!
    /// Monday 4 January 2027, 00:00 UTC.
    static let monday = Timestamp.day("2027-01-04")!

    static func input(rate: Double, hours: ClosedRange<Int> = 10...10, reps: Int, capacity: Int? = nil, handlingMinutes: Double = 0.001, response: BusinessDuration = BusinessDuration(5, .minutes), seed: UInt64 = 1) -> CapacitySimulation.Input {
        CapacitySimulation.Input(
            start: monday, end: monday.addingTimeInterval(4 * 7 * 86_400),
            rates: (1...5).flatMap { day in hours.map { CapacitySimulation.Rate(tier: "hot", weekday: day, hour: $0, leadsPerHour: rate) } },
            tiers: [("hot", response)], reps: (0..<reps).map { CapacitySimulation.Rep(id: "rep\($0)", time: office, capacity: capacity) },
            calendar: office, zone: .gmt, handlingSeconds: handlingMinutes * 60, openSeconds: 3600, seed: seed)
    }

    @Test("leads that arrive in working hours to a free rep are touched at once: all on time")
    func freeRep() throws {
        let result = CapacitySimulation(Self.input(rate: 1, reps: 1))
        let tier = try #require(result.tiers.first)
        #expect(tier.leads > 0 && tier.attainment.count == tier.attainment.total, "\(tier.attainment)")
        #expect(tier.wait.p90 ?? 1 < 0.01)
    }

    @Test("leads that arrive at night are touched when the office opens, within a deadline that starts then")
    func nightArrivals() throws {
        let result = CapacitySimulation(Self.input(rate: 1, hours: 2...2, reps: 1))
        let tier = try #require(result.tiers.first)
        #expect(tier.attainment.percent == 100, "the 5 business minutes start at 09:00")
        #expect(tier.wait.median ?? 0 > 6 * 60, "but they wait from 02:00 to 09:00 by the wall clock")
    }

    @Test("the same inputs give the same figures, whatever order the rates come in; more leads than the team can take miss, and nobody to take them misses all")
    func loadAndSeed() throws {
        let busy = Self.input(rate: 6, hours: 9...16, reps: 1, handlingMinutes: 20)
        var shuffled = busy
        shuffled.rates.reverse()
        let first = CapacitySimulation(busy), again = CapacitySimulation(shuffled)
        #expect(first.tiers.map(\.attainment) == again.tiers.map(\.attainment) && first.reps.map(\.leads) == again.reps.map(\.leads))
        #expect((first.tiers.first?.attainment.percent ?? 100) < 20, "six leads an hour, twenty minutes each, one rep")
        #expect((first.reps.first?.utilization ?? 0) > 0.9)
        let two = CapacitySimulation(Self.input(rate: 6, hours: 9...16, reps: 3, handlingMinutes: 20))
        #expect((two.tiers.first?.attainment.percent ?? 0) > (first.tiers.first?.attainment.percent ?? 100), "more people, more on time")
        let nobody = CapacitySimulation(Self.input(rate: 1, reps: 0))
        #expect(nobody.tiers.first?.attainment.count == 0 && (nobody.tiers.first?.attainment.total ?? 0) > 0 && nobody.queued > 0)
        let flooded = CapacitySimulation(Self.input(rate: 50, hours: 9...16, reps: 2, handlingMinutes: 480))
        #expect(flooded.reps.allSatisfy { ($0.utilization ?? 2) <= 1.000_001 }, "nobody is busier than their working time: \(flooded.reps.map(\.utilization))")
        #expect((flooded.tiers.first?.wait.p90 ?? .infinity) <= 4 * 7 * 24 * 60, "no wait runs past the end of the period")
        let capped = CapacitySimulation(Self.input(rate: 3, hours: 9...16, reps: 1, capacity: 1, handlingMinutes: 1))
        #expect(capped.queued > 0 && (capped.reps.first?.peakOpen ?? 2) <= 1, "a capacity of one open lead is never exceeded")
    }
}
