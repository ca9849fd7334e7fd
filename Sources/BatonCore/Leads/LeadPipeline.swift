import Foundation

/// Everything decided about a new lead, with the reasons, ready to be stored in one transaction.
public struct LeadDecision: Sendable, Equatable, Codable {
    public var fields: [String: String]
    public var extras: [String: String]
    public var problems: [LeadProblem]
    /// The lead handoff's entry checks (its Definition of Ready), each with its reason.
    public var readiness: [CheckResult]
    public var score: LeadScore
    public var status: LeadStatus
    /// Why the lead has this status.
    public var because: String
    public var tier: String?
    public var assignment: LeadAssignment?
    /// When the first touch is due, on the owner's calendar.
    public var responseDue: Date?
    public var timers: [PlannedTimer]
}

/// The lead path from submission to owner, as one pure function: validate (F5), check readiness, score and judge
/// (H2), route (F4), pick the response tier and plan its SLA timers (H4, D2–D4).
public struct LeadPipeline: Sendable {
    public let policy: Policy
    private let validator: LeadValidator
    private let scorer: LeadScorer
    private let router: LeadRouter
    private let checks: CheckEvaluator
    private let handoff: Handoff?
    private let planners: [String: SLATimerPlanner]
    private let queuePlanner: SLATimerPlanner?

    public init(policy: Policy) {
        self.policy = policy
        let model = policy.leads ?? LeadPolicy(sources: [], fields: [], responseTiers: [], pools: [], fallback: "queue:unrouted", rejectionReasons: [], dispositions: [])
        validator = LeadValidator(model: model)
        scorer = LeadScorer(scoring: model.scoring)
        let times = policy.businessTimeByPerson()
        router = LeadRouter(policy: policy, times: times)
        checks = CheckEvaluator(library: policy.checkLibrary, checks: policy.handoffs.flatMap { $0.entry + $0.exit })
        handoff = policy.leadHandoff
        planners = times.mapValues(SLATimerPlanner.init)
        queuePlanner = handoff.flatMap { policy.calendar($0.sla.calendar) }.flatMap(BusinessTime.init).map(SLATimerPlanner.init)
    }

    /// Decides a new lead at `now`; returns the decision and the routing state after it.
    public func decide(_ submission: LeadSubmission, at now: Date, state: RoutingState) -> (LeadDecision, RoutingState) {
        var validated = validator.validate(submission)
        let facts = validated.facts(source: submission.source)
        var values = validated.fields
        values["last_activity"] = values["last_activity"] ?? submission.activities.max { $0.at < $1.at }?.kind
        let readiness = checks.evaluate(handoff?.entry ?? [], values: values, counts: ["activities": submission.activities.count])
        // A check that fails only because a field is missing adds nothing to the problem "required … missing".
        let missing = Set(validated.problems.map { "\($0.field) is empty" })
        for failed in readiness where !failed.passed && !missing.contains(failed.reason) {
            validated.problems.append(LeadProblem(field: "readiness", reason: "\(failed.label): \(failed.reason)"))
        }
        let score = scorer.score(validated, facts: facts, activities: submission.activities, at: now)
        var decision = LeadDecision(
            fields: validated.fields, extras: validated.extras, problems: validated.problems, readiness: readiness, score: score,
            status: .nurture, because: score.because, tier: nil, assignment: nil, responseDue: nil, timers: [])
        switch score.verdict {
        case .remediation: decision.status = .remediation
        case .nurture: decision.status = .nurture
        case .salesReady:
            guard validated.consent != false else {
                decision.status = .noConsent
                decision.because = score.because + "; no consent to be contacted: recorded, no outreach"
                return (decision, state)
            }
            var routingFacts = facts
            let tier = responseTier(score: score, activities: submission.activities, at: now)
            routingFacts.numbers["score"] = score.total
            routingFacts.text["tier"] = tier?.id
            let (assignment, newState) = router.route(routingFacts, at: now, state: state)
            decision.tier = tier?.id
            decision.assignment = assignment
            decision.status = assignment.owner != nil ? .assigned : (assignment.queue == "unrouted" ? .unrouted : .queued)
            decision.because = score.because
            if let tier, let planner = assignment.owner.flatMap({ planners[$0] }) ?? queuePlanner,
               let plan = planner.plan(from: now, allowed: tier.response, escalation: assignment.owner == nil ? [] : handoff?.sla.escalation ?? []) {
                decision.responseDue = plan.deadline
                decision.timers = plan.timers
            }
            return (decision, newState)
        }
        return (decision, state)
    }

    /// The SLA planner on a person's calendar (their own, or their team's).
    public func planner(for person: String) -> SLATimerPlanner? { planners[person] }

    /// Re-routes an owned lead for an escalation, skipping everyone who already had it.
    public func reroute(_ facts: RoutingFacts, at now: Date, state: RoutingState, excluding: Set<String>) -> (LeadAssignment, RoutingState) {
        router.route(facts, at: now, state: state, excluding: excluding)
    }

    /// The first response tier whose conditions hold.
    public func responseTier(score: LeadScore, activities: [LeadActivity], at now: Date) -> ResponseTier? {
        policy.leads?.responseTiers.first { tier in
            if tier.handRaiser && score.handRaiser == nil { return false }
            if let minimum = tier.minimumScore, score.total < minimum { return false }
            if let action = tier.recentAction {
                let horizon = now.addingTimeInterval(-(tier.withinDays ?? 36_500) * 86_400)
                if !activities.contains(where: { $0.kind == action && $0.at >= horizon }) { return false }
            }
            return true
        }
    }
}

extension Policy {
    /// The handoff that carries leads to sales (its entry checks, SLA calendar and escalation), if the policy has one.
    public var leadHandoff: Handoff? { handoffs.first { $0.item == .lead } }
}
