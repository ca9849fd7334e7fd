import BatonCore
import Foundation

/// The template model of the capacity page: the request as a form, the warnings, and the figures per tier and rep.
struct CapacityModel {
    let request: Simulations.Request
    let simulation: CapacitySimulation?
    let policy: Policy

    var model: [String: Any] {
        var model: [String: Any] = [
            "weeks": request.weeks, "volume": request.volume.compactText, "handling": request.handlingMinutes.compactText,
            "history": request.historyWeeks, "seed": String(request.seed),
        ]
        guard let simulation else {
            model["unavailable"] = "The policy has no lead handoff with a calendar and response tiers to simulate."
            return model
        }
        let capacities = policy.leads?.capacityByPerson ?? [:]
        model["warnings"] = Simulations.warnings(simulation, policy: policy)
        model["tiers"] = simulation.tiers.map { tier in
            ["id": tier.tier, "label": policy.leads?.responseTiers.first { $0.id == tier.tier }?.label ?? tier.tier, "response": tier.response.description,
             "leads": tier.leads, "attainment": tier.attainment.percent.map { ScorecardText.number($0, 1) + " %" } ?? "no data",
             "median": tier.wait.median.map { Self.minutes($0) } ?? "no data", "p90": tier.wait.p90.map { Self.minutes($0) } ?? "no data"] as [String: Any]
        }
        model["reps"] = simulation.reps.map { rep in
            ["name": policy.person(rep.rep)?.name ?? rep.rep, "leads": rep.leads, "busy": rep.utilization.map { ScorecardText.number($0 * 100, 0) + " %" } ?? "—",
             "peak": rep.peakOpen, "capacity": capacities[rep.rep].map(String.init) ?? "—"] as [String: Any]
        }
        model["queued"] = simulation.queued > 0 ? simulation.queued : nil
        return model
    }

    /// "4 min", "2 h 05 min".
    static func minutes(_ value: Double) -> String {
        let minutes = Int(value.rounded())
        return minutes < 120 ? "\(minutes) min" : "\(minutes / 60) h \(String(format: "%02d", minutes % 60)) min"
    }
}
