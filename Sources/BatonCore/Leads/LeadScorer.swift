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
    /// lines and points stand, its thresholds decide; `silent` leaves why empty.
    public func verdict(on score: LeadScore, problems: [LeadProblem], wording: Wording = .explained) -> LeadScore {
        guard let scoring else { return score }
        var score = score
        (score.verdict, score.because) = judge(problems, fit: score.fit, total: score.total, handRaiser: score.handRaiser, scoring, wording)
        return score
    }

    /// The lead's points and verdict; `silent` gives the points and the verdict without the lines or why.
    public func score(_ lead: ValidatedLead, facts: RoutingFacts, activities: [LeadActivity], at now: Date, wording: Wording = .explained) -> LeadScore {
        guard let scoring else {
            let verdict: LeadVerdict = lead.problems.isEmpty ? .salesReady : .remediation
            return LeadScore(fit: 0, behaviour: 0, total: 0, lines: [], handRaiser: nil, verdict: verdict,
                             because: wording.say(lead.problems.isEmpty ? "the policy has no scoring: every valid lead is sales-ready" : problemsText(lead.problems)))
        }
        var lines: [ScoreLine] = []
        var fit = 0.0, behaviour = 0.0
        for criterion in scoring.fit {
            var reasons: [String] = []
            var holds = true
            for condition in criterion.conditions {
                switch condition.test(facts) {
                case .success(let match): if wording == .explained { reasons.append(match.reason) }
                case .failure: holds = false
                }
                if !holds { break }
            }
            guard holds else { continue }
            fit += criterion.points
            if wording == .explained {
                lines.append(ScoreLine(kind: "fit", criterion: criterion.id, label: criterion.label, points: criterion.points, because: reasons.joined(separator: "; ")))
            }
        }
        var handRaiser: String?
        for criterion in scoring.behaviour {
            var (matching, points) = (0, 0.0)
            for activity in activities where activity.kind == criterion.id {
                var value = criterion.points + (criterion.perMinute ?? 0) * (activity.minutes ?? 0)
                if let halfLife = criterion.halfLifeDays, halfLife > 0 {
                    let ageDays = max(0, now.timeIntervalSince(activity.at) / 86_400)
                    value *= pow(0.5, ageDays / halfLife)
                }
                (matching, points) = (matching + 1, points + value)
            }
            guard matching > 0 else { continue }
            if let maximum = criterion.maximum { points = min(points, maximum) }
            points = (points * 10).rounded() / 10
            behaviour += points
            if criterion.handRaiser, handRaiser == nil { handRaiser = criterion.id }
            guard wording == .explained else { continue }
            var because = matching == 1 ? "1 \(criterion.id)" : "\(matching) × \(criterion.id)"
            if criterion.halfLifeDays != nil { because += ", decayed by age" }
            if let maximum = criterion.maximum, points >= maximum { because += ", capped at \(maximum.compactText)" }
            lines.append(ScoreLine(kind: "behaviour", criterion: criterion.id, label: criterion.label, points: points, because: because))
        }
        let (verdict, because) = judge(lead.problems, fit: fit, total: fit + behaviour, handRaiser: handRaiser, scoring, wording)
        return LeadScore(fit: fit, behaviour: behaviour, total: fit + behaviour, lines: lines, handRaiser: handRaiser, verdict: verdict, because: because)
    }

    private func judge(_ problems: [LeadProblem], fit: Double, total: Double, handRaiser: String?, _ scoring: LeadScoring, _ wording: Wording) -> (LeadVerdict, String) {
        if !problems.isEmpty { return (.remediation, wording.say(problemsText(problems))) }
        if fit < scoring.minimumFit {
            return (.nurture, wording.say("fit \(fit.compactText) is below the ICP minimum of \(scoring.minimumFit.compactText)"))
        }
        if let handRaiser { return (.salesReady, wording.say("hand-raiser: \(handRaiser) from a company that fits (fit \(fit.compactText))")) }
        if total >= scoring.salesReady {
            return (.salesReady, wording.say("score \(total.compactText) reaches the sales-ready threshold of \(scoring.salesReady.compactText)"))
        }
        return (.nurture, wording.say("score \(total.compactText) is below the sales-ready threshold of \(scoring.salesReady.compactText)"))
    }

    private func problemsText(_ problems: [LeadProblem]) -> String {
        "\(problems.count) validation problem\(problems.count == 1 ? "" : "s"): " + problems.map(\.description).joined(separator: "; ")
    }
}
