import Foundation

/// One line of a score's breakdown: which criterion gave how many points, and why.
public struct ScoreLine: Sendable, Equatable, Codable {
    /// "fit" or "behaviour".
    public var kind: String
    public var criterion: String
    public var label: String
    public var points: Double
    public var because: String

    public init(kind: String, criterion: String, label: String, points: Double, because: String) {
        self.kind = kind
        self.criterion = criterion
        self.label = label
        self.points = points
        self.because = because
    }
}

/// A lead's score with its breakdown and what the sales-ready definition makes of it (H2, X3).
public struct LeadScore: Sendable, Equatable, Codable {
    public var fit: Double
    public var behaviour: Double
    /// Fit plus behaviour.
    public var total: Double
    public var lines: [ScoreLine]
    /// The hand-raising activity, when the lead asked to talk to sales.
    public var handRaiser: String?
    public var verdict: LeadVerdict
    /// The criteria that decided the verdict: "fit 25 is below the ICP minimum of 30".
    public var because: String
}

/// Scores a validated lead against the policy's sales-ready definition at a given moment (decay needs the time).
public struct LeadScorer: Sendable {
    public let scoring: LeadScoring?

    public init(scoring: LeadScoring?) { self.scoring = scoring }

    /// Whether `other` gives every lead the same points: no scoring in either, or the same criteria (the thresholds
    /// that turn points into a verdict may differ).
    public func scoresLike(_ other: LeadScorer) -> Bool {
        switch (scoring, other.scoring) {
        case (nil, nil): true
        case let (mine?, theirs?): mine.fit == theirs.fit && mine.behaviour == theirs.behaviour
        default: false
        }
    }

    /// A score made by a scorer that scores like this one (`scoresLike`), with this scorer's verdict on it: its
    /// lines and points stand, its thresholds decide.
    public func verdict(on score: LeadScore, problems: [LeadProblem]) -> LeadScore {
        guard let scoring else { return score }
        var score = score
        (score.verdict, score.because) = judge(problems, fit: score.fit, total: score.total, handRaiser: score.handRaiser, scoring)
        return score
    }

    public func score(_ lead: ValidatedLead, facts: RoutingFacts, activities: [LeadActivity], at now: Date) -> LeadScore {
        guard let scoring else {
            let verdict: LeadVerdict = lead.problems.isEmpty ? .salesReady : .remediation
            return LeadScore(fit: 0, behaviour: 0, total: 0, lines: [], handRaiser: nil, verdict: verdict,
                             because: lead.problems.isEmpty ? "the policy has no scoring: every valid lead is sales-ready" : problemsText(lead.problems))
        }
        var lines: [ScoreLine] = []
        for criterion in scoring.fit {
            var reasons: [String] = []
            var holds = true
            for condition in criterion.conditions {
                switch condition.test(facts) {
                case .success(let match): reasons.append(match.reason)
                case .failure: holds = false
                }
                if !holds { break }
            }
            if holds {
                lines.append(ScoreLine(kind: "fit", criterion: criterion.id, label: criterion.label, points: criterion.points, because: reasons.joined(separator: "; ")))
            }
        }
        var handRaiser: String?
        for criterion in scoring.behaviour {
            let matching = activities.filter { $0.kind == criterion.id }
            guard !matching.isEmpty else { continue }
            var points = matching.reduce(0.0) { sum, activity in
                var value = criterion.points + (criterion.perMinute ?? 0) * (activity.minutes ?? 0)
                if let halfLife = criterion.halfLifeDays, halfLife > 0 {
                    let ageDays = max(0, now.timeIntervalSince(activity.at) / 86_400)
                    value *= pow(0.5, ageDays / halfLife)
                }
                return sum + value
            }
            if let maximum = criterion.maximum { points = min(points, maximum) }
            points = (points * 10).rounded() / 10
            var because = matching.count == 1 ? "1 \(criterion.id)" : "\(matching.count) × \(criterion.id)"
            if criterion.halfLifeDays != nil { because += ", decayed by age" }
            if let maximum = criterion.maximum, points >= maximum { because += ", capped at \(maximum.compactText)" }
            lines.append(ScoreLine(kind: "behaviour", criterion: criterion.id, label: criterion.label, points: points, because: because))
            if criterion.handRaiser, handRaiser == nil { handRaiser = criterion.id }
        }
        let fit = lines.filter { $0.kind == "fit" }.reduce(0) { $0 + $1.points }
        let behaviour = lines.filter { $0.kind == "behaviour" }.reduce(0) { $0 + $1.points }
        let (verdict, because) = judge(lead.problems, fit: fit, total: fit + behaviour, handRaiser: handRaiser, scoring)
        return LeadScore(fit: fit, behaviour: behaviour, total: fit + behaviour, lines: lines, handRaiser: handRaiser, verdict: verdict, because: because)
    }

    private func judge(_ problems: [LeadProblem], fit: Double, total: Double, handRaiser: String?, _ scoring: LeadScoring) -> (LeadVerdict, String) {
        if !problems.isEmpty { return (.remediation, problemsText(problems)) }
        if fit < scoring.minimumFit {
            return (.nurture, "fit \(fit.compactText) is below the ICP minimum of \(scoring.minimumFit.compactText)")
        }
        if let handRaiser { return (.salesReady, "hand-raiser: \(handRaiser) from a company that fits (fit \(fit.compactText))") }
        if total >= scoring.salesReady {
            return (.salesReady, "score \(total.compactText) reaches the sales-ready threshold of \(scoring.salesReady.compactText)")
        }
        return (.nurture, "score \(total.compactText) is below the sales-ready threshold of \(scoring.salesReady.compactText)")
    }

    private func problemsText(_ problems: [LeadProblem]) -> String {
        "\(problems.count) validation problem\(problems.count == 1 ? "" : "s"): " + problems.map(\.description).joined(separator: "; ")
    }
}
