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
        route(judge(submission, at: now), at: now, state: state)
    }

    /// A lead validated, checked for readiness, scored and judged, with its response tier if it goes to sales:
    /// everything decided before routing, which depends on no other lead.
    public struct Judgement: Sendable {
        /// The decision so far: its status is final unless the lead is sales-ready (`routable`).
        public var decision: LeadDecision
        var facts: RoutingFacts
        /// Whether the person agreed to be contacted, as validation read it (nil when the lead does not say).
        var consent: Bool?
        var tier: ResponseTier?
        /// Sales-ready with consent: routing decides the rest.
        public var routable: Bool

        /// What routing rules test: the lead's facts, with its score and tier beside them.
        var routingFacts: RoutingFacts {
            var facts = facts
            facts.judged = RoutingFacts.Judged(score: decision.score.total, tier: tier?.id)
            return facts
        }
    }

    /// The policy's validation of a submission (the first step of `judge`).
    public func validate(_ submission: LeadSubmission) -> ValidatedLead { validator.validate(submission) }

    /// Whether `other` validates every submission as this pipeline does, so one validation can serve both.
    public func validatesLike(_ other: LeadPipeline) -> Bool { validator.validatesLike(other.validator) }

    /// Whether `other` reads every lead as this pipeline does up to the verdict (the same validation, entry checks
    /// and scoring criteria), so that one's judgement serves the other but for its thresholds and what follows.
    public func readsLike(_ other: LeadPipeline) -> Bool {
        validatesLike(other) && (handoff?.entry ?? []) == (other.handoff?.entry ?? []) && policy.checkLibrary == other.policy.checkLibrary
            && scorer.scoresLike(other.scorer)
    }

    /// Judges a new lead at `now`, from its validation by this pipeline or (when two policies validate alike, as a
    /// backtest finds) by another. `silent` reaches the same verdict without writing why (`Wording`).
    public func judge(_ submission: LeadSubmission, validated: ValidatedLead? = nil, at now: Date, wording: Wording = .explained) -> Judgement {
        var validated = validated ?? validator.validate(submission)
        let facts = validated.facts(source: submission.source)
        var values = validated.fields
        if values["last_activity"] == nil, let latest = submission.activities.max(by: { $0.at < $1.at }) { values["last_activity"] = latest.kind }
        let readiness = checks.evaluate(handoff?.entry ?? [], values: values, counts: ["activities": submission.activities.count], wording: wording)
        // A check that fails only because a field is missing adds nothing to the problem "required … missing". (A
        // silent judgement cannot tell and adds it: the lead has a problem either way.)
        let missing = Set(validated.problems.map { "\($0.field) is empty" })
        for failed in readiness where !failed.passed && !missing.contains(failed.reason) {
            validated.problems.append(LeadProblem(field: "readiness", reason: wording.say("\(failed.label): \(failed.reason)")))
        }
        let score = scorer.score(validated, facts: facts, activities: submission.activities, at: now, wording: wording)
        let judgement = Judgement(
            decision: LeadDecision(
                fields: validated.fields, extras: validated.extras, problems: validated.problems, readiness: readiness, score: score,
                status: .nurture, because: score.because, tier: nil, assignment: nil, responseDue: nil, timers: []),
            facts: facts, consent: validated.consent, tier: nil, routable: false)
        return decided(judgement, activities: submission.activities, at: now, wording: wording)
    }

    /// The judgement of a lead by a pipeline that reads like this one (`readsLike`), with this pipeline's verdict on
    /// its score and what follows from it: as `judge` would make it, without reading the lead again. Only for such a
    /// pipeline's judgement: from any other, the reading would not be this pipeline's. `silent` writes no reasons.
    public func judge(_ submission: LeadSubmission, readAs other: Judgement, at now: Date, wording: Wording = .explained) -> Judgement {
        var judgement = other
        judgement.decision.score = scorer.verdict(on: other.decision.score, problems: other.decision.problems, wording: wording)
        (judgement.decision.status, judgement.decision.because) = (.nurture, judgement.decision.score.because)
        (judgement.tier, judgement.routable) = (nil, false)
        return decided(judgement, activities: submission.activities, at: now, wording: wording)
    }

    /// A judgement read and scored, given its status from the score's verdict: sales-ready leads with consent are
    /// routable, with their response tier.
    private func decided(_ judgement: Judgement, activities: [LeadActivity], at now: Date, wording: Wording) -> Judgement {
        var judgement = judgement
        let score = judgement.decision.score
        switch score.verdict {
        case .remediation: judgement.decision.status = .remediation
        case .nurture: judgement.decision.status = .nurture
        case .salesReady:
            guard judgement.consent != false else {
                judgement.decision.status = .noConsent
                judgement.decision.because = wording.say(score.because + "; no consent to be contacted: recorded, no outreach")
                return judgement
            }
            judgement.routable = true
            judgement.tier = responseTier(score: score, activities: activities, at: now)
        }
        return judgement
    }

    /// Routes a judged lead at `now` and, with `planning`, plans its response SLA's timers; a lead that is not
    /// routable keeps its judgement and leaves the state as it was.
    public func route(_ judgement: Judgement, at now: Date, state: RoutingState, planning: Bool = true) -> (LeadDecision, RoutingState) {
        var state = state
        let decision = route(judgement, at: now, state: &state, planning: planning)
        return (decision, state)
    }

    /// `route(_:at:state:planning:)` moving `state` on in place.
    public func route(_ judgement: Judgement, at now: Date, state: inout RoutingState, planning: Bool = true) -> LeadDecision {
        var decision = judgement.decision
        guard judgement.routable else { return decision }
        let assignment = router.explain(choose(judgement.routingFacts, at: now, state: &state))
        decision.tier = judgement.tier?.id
        decision.assignment = assignment
        decision.status = assignment.owner != nil ? .assigned : (assignment.queue == "unrouted" ? .unrouted : .queued)
        if planning, let tier = judgement.tier, let planner = assignment.owner.flatMap({ planners[$0] }) ?? queuePlanner,
           let plan = planner.plan(from: now, allowed: tier.response, escalation: assignment.owner == nil ? [] : handoff?.sla.escalation ?? []) {
            decision.responseDue = plan.deadline
            decision.timers = plan.timers
        }
        return decision
    }

    /// The owner or queue of a routable lead at `now` from its facts (those of its judgement, with its score and
    /// tier beside them: routing rules may test them besides what the lead says), moving `state` on in place: routing alone,
    /// without the decision around it, its SLA plan or the words that say why (what a backtest compares; `explain`
    /// writes them).
    public func choose(_ facts: RoutingFacts, at now: Date, state: inout RoutingState) -> LeadRouter.Choice {
        router.choose(facts, at: now, state: &state)
    }

    /// `choose` on a ledger by position, as a backtest replays millions of leads: the same decision.
    func choose(_ facts: RoutingFacts, at now: Date, ledger: inout RoutingLedger) -> LeadRouter.Choice {
        router.choose(facts, at: now, book: &ledger)
    }

    /// A routing ledger for this pipeline's people and pools, with nobody away, no open leads and no credits.
    func ledger() -> RoutingLedger { router.ledger() }

    /// The assignment a choice of this pipeline's router reads as.
    public func explain(_ choice: LeadRouter.Choice) -> LeadAssignment { router.explain(choice) }

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
