import BatonCore
import BatonStore
import Foundation

/// The item page's model (F1–F3, B1–B4, E1–E6, D6, G8): brief, metadata and UTM tags, tasks with their gates as
/// checklists, the fields each role fills in, reviews with rounds and decisions, the SLA Timeline planned against
/// actual, the master checklist per handoff, comments and history — with the forms the viewer may use.
struct WorkItemModel {
    let item: WorkItem
    let events: [Event]
    let workflow: WorkWorkflow
    let access: WorkAccess
    let account: Account
    let times: TimeText
    let now: Date
    /// Show every comment and history entry, not only the latest `WorkItemModel.latest`.
    var everything = false

    /// How many comments and history entries the page shows unless asked for all.
    static let latest = 50

    var policy: Policy { workflow.policy }
    private func name(_ id: String?) -> String { id.flatMap { policy.person($0)?.name } ?? id ?? "nobody" }
    private func time(_ date: Date?) -> [String: String]? { times.value(date) }

    func model() -> [String: Any] {
        let asset = policy.assetType(item.assetType)
        let tags = UTMTags(item: item.fields, name: item.name, policy: policy)
        let summary = workflow.summary(item)
        let mayCreate = access.mayAct(.creator, on: item, account: account)
        let rushRole = policy.projectTemplate(for: item.assetType)?.rushSignOff
        let sections = sections()
        let comments = events.filter { $0.type == "work.comment" }
        return [
            "id": item.id, "itemID": item.id, "name": item.name, "revision": item.revision, "status": item.status.label, "statusID": item.status.rawValue,
            "assetType": asset?.name ?? item.assetType, "requester": name(item.requester), "stage": summary.stage, "blocked": summary.blocked,
            "deadline": time(item.deadline) as Any,
            "plan": ["feasible": item.plan.feasible, "note": item.plan.note, "finish": time(item.plan.earliestFinish) as Any],
            "rush": item.rush.map { ["tradeoff": $0.tradeoff, "by": name($0.signedOffBy), "at": time($0.at) as Any] } as Any,
            "rushRequested": item.rushRequested as Any,
            "maySignRush": item.rushRequested != nil && rushRole.map { workflow.holds(account.id, role: $0) } == true,
            "hasBypasses": !item.bypasses.isEmpty,
            "bypasses": item.bypasses.map { bypass in
                ["step": item.task(bypass.step ?? "")?.name ?? "", "gate": bypass.gate ?? "", "checks": bypass.checks.joined(separator: "; "),
                 "tradeoff": bypass.tradeoff, "by": name(bypass.signedOffBy), "at": time(bypass.at) as Any] as [String: Any]
            },
            "brief": (asset?.brief ?? []).compactMap { field -> [String: Any]? in
                guard let value = item.fields[field.id] else { return nil }
                return ["label": field.label, "value": value, "link": SafeLink.href(value) as Any]
            },
            "mayCancel": (item.isOpen || item.status == .draft) && access.mayAct(.brief, on: item, account: account),
            "mayEditBrief": [.draft, .briefReturned].contains(item.status) && access.mayAct(.brief, on: item, account: account),
            "utm": [
                "parameters": tags.parameters.map { ["key": $0.key, "value": $0.value] }, "url": tags.taggedURL as Any, "problems": tags.problems,
                "hasProblems": !tags.problems.isEmpty,
            ],
            "tasks": item.tasks.map(task),
            "sections": sections, "hasSections": !sections.isEmpty,
            "reviews": item.reviews.map(review), "isDraft": item.status == .draft,
            "mayResubmit": item.status == .rework && mayCreate,
            "maySchedule": [.approved, .scheduled].contains(item.status) && mayCreate,
            "scheduleDate": item.fields["deadline"] ?? "",
            "mayLaunch": [.approved, .scheduled].contains(item.status) && mayCreate,
            "scheduledFor": time(item.scheduledFor) as Any, "launchedAt": time(item.launchedAt) as Any,
            "liveURL": SafeLink.href(item.fields["live_url"]) as Any,
            "timeline": timeline(),
            "checklists": workflow.handoffs(of: item).map { handoff in
                let results = MasterChecklist.evaluate(handoff, item: item, workflow: workflow)
                return [
                    "handoff": policy.title(of: handoff), "done": results.filter(\.passed).count, "total": results.count,
                    "checks": results.map { ["label": $0.label, "passed": $0.passed, "reason": $0.reason] as [String: Any] },
                ] as [String: Any]
            },
            "mayComment": access.mayAct(.participate, on: item, account: account),
            "comments": latest(comments).map { ["by": name($0.actor), "at": time($0.at) as Any, "text": $0.details["text"] ?? ""] as [String: Any] },
            "commentCount": comments.count, "moreComments": !everything && comments.count > Self.latest,
            "history": latest(events).reversed().map { event in
                ["type": event.type.replacingOccurrences(of: "work.", with: "").replacingOccurrences(of: "_", with: " "), "by": event.actor == "system" ? "Baton" : name(event.actor),
                 "at": time(event.at) as Any, "details": describe(event)] as [String: Any]
            },
            "eventCount": events.count, "moreHistory": !everything && events.count > Self.latest,
        ]
    }

    /// The last `latest` of a list, or all of it when asked.
    private func latest(_ list: [Event]) -> [Event] { everything ? list : Array(list.suffix(Self.latest)) }

    private func task(_ task: WorkTask) -> [String: Any] {
        let gate = workflow.gate(item, step: task.step)
        let mine = access.mayAct(.task(task.step), on: item, account: account)
        let due = task.status == .offered ? task.responseDue : task.status == .active ? task.completionDue : nil
        let bypassRole = gate?.handoffs.first.flatMap(policy.handoff)?.bypassSignOff
        return [
            "step": task.step, "name": task.name, "role": policy.role(task.role)?.name ?? task.role, "owner": name(task.owner),
            "because": task.assignedBecause, "status": task.status.label, "statusID": task.status.rawValue,
            "plannedDue": time(task.plannedDue) as Any, "due": time(due) as Any, "overdue": due.map { $0 < now } ?? false,
            "dueLabel": task.status == .offered ? "Accept or return by" : "Deliver by",
            "handoff": task.handoff.flatMap(policy.handoff).map(policy.title(of:)) as Any,
            "hasReturns": !task.returns.isEmpty,
            "returns": task.returns.map { ["modes": $0.failureModes.joined(separator: ", "), "note": $0.note, "by": name($0.person), "at": time($0.at) as Any] as [String: Any] },
            "hasGate": !(gate?.results.isEmpty ?? true),
            "gate": gate.map { gate in
                [
                    "title": gate.side == .entry ? "Definition of Ready (entry checks)" : "Definition of Done (exit checks)",
                    "passes": gate.passes, "passed": gate.results.filter(\.passed).count, "total": gate.results.count,
                    "checks": gate.results.map { ["label": $0.label, "passed": $0.passed, "reason": $0.reason] as [String: Any] },
                    "bypass": gate.bypass.map { ["tradeoff": $0.tradeoff, "by": name($0.signedOffBy)] } as Any,
                ] as [String: Any]
            } as Any,
            "mayAccept": task.status == .offered && mine,
            "mayReturn": task.status == .offered && mine,
            "isBrief": task.after.isEmpty,
            "failureModes": workflow.failureModes(forReturnAt: task, in: item),
            "maySubmit": task.status == .active && mine,
            "mayBypass": gate.map { !$0.passes } == true && bypassRole.map { workflow.holds(account.id, role: $0) } == true,
            "mayReassign": [.waiting, .offered, .active].contains(task.status) && item.isOpen && mine,
            "holders": policy.holders(of: task.role).filter { $0.id != task.owner }.map { ["id": $0.id, "name": $0.name] },
        ]
    }

    /// The fields each handoff's sender fills in (C4: the visual brief, the design spec…), with sign-offs.
    private func sections() -> [[String: Any]] {
        let signOffRoles = workflow.signOffRoles(item)
        let editable = item.isOpen && access.mayAct(.fields, on: item, account: account)
        return workflow.handoffs(of: item).compactMap { handoff -> [String: Any]? in
            guard !handoff.fields.isEmpty else { return nil }
            let checks = handoff.entry + handoff.exit
            let fields = handoff.fields.map { field -> [String: Any] in
                let kind = field.hasSuffix("_matrix") ? "list" : Self.inputKind(field, checks: checks, policy: policy)
                let signed = item.signOffs.first { $0.field == field }
                let roles = signOffRoles[field] ?? []
                let matrix = field.hasSuffix("_matrix") ? AdCopyMatrix(brief: item.fields) : nil
                let written = AdCopyMatrix.parse(item.fields[field] ?? "")
                return [
                    "id": field, "label": Self.label(field),
                    "value": item.fields[field] ?? matrix?.skeleton ?? "",
                    "hasMatrix": !written.isEmpty,
                    "matrix": (written.isEmpty ? nil : written.map { ["angle": $0.angle, "persona": $0.persona, "offer": $0.offer, "copy": $0.copy] }) as Any,
                    "matrixHint": matrix.map { "\($0.cells.count) lines: each angle × persona × offer of the brief; write the copy after the colon." } as Any,
                    "isCheckbox": kind == "checkbox" && roles.isEmpty, "isList": kind == "list", "isText": kind == "text",
                    "ticked": CheckEvaluator.isTrue(item.fields[field] ?? ""), "link": SafeLink.href(item.fields[field]) as Any,
                    "signOff": (roles.isEmpty ? nil : [
                        "role": roles.map { policy.role($0)?.name ?? $0 }.joined(separator: " or "),
                        "signed": signed.map { "\(name($0.person)), \(times.text($0.at))" } as Any,
                        "maySign": signed == nil && roles.contains { workflow.holds(account.id, role: $0) },
                    ] as [String: Any]) as Any,
                ]
            }
            return ["title": "\(handoff.id) \(handoff.name)", "artifacts": handoff.artifacts.joined(separator: ", "), "fields": fields, "editable": editable]
        }
    }

    /// How a handoff field is entered, from the checks that read it: a tick, a list (one per line), or text.
    static func inputKind(_ field: String, checks: [Check], policy: Policy) -> String {
        for check in policy.expanded(checks) where check.kind.field == field {
            switch check.kind {
            case .checkbox: return "checkbox"
            case .minItems: return "list"
            default: continue
            }
        }
        return "text"
    }

    private func review(_ stage: ReviewStageRun) -> [String: Any] {
        let round = stage.round
        let open = stage.status == .open
        let mine = round?.standing.first { $0.reviewer == account.id }
        let policyStage = policy.reviewStage(stage.stage)
        let rule = switch stage.rule {
        case .any: "one decision is enough"
        case .all: "every reviewer decides"
        case .primary: "\(name(stage.primary)) decides"
        }
        return [
            "stage": stage.stage, "name": stage.name, "status": stage.status.label, "statusID": stage.status.rawValue, "rule": rule,
            "reviewers": stage.reviewers.map(name).joined(separator: ", "), "reworkRounds": max(0, stage.rounds.count - 1),
            "rounds": stage.rounds.reversed().map { round in
                // Comments are released together when the group has decided (E3); until then each sees their own.
                let released = round.result != nil
                return [
                    "number": round.number, "opened": time(round.openedAt) as Any, "due": time(round.due) as Any, "closed": time(round.closedAt) as Any,
                    "result": round.result?.label as Any, "because": round.resultBecause as Any,
                    "edits": round.edits, "hasEdits": !round.edits.isEmpty, "editsConfirmed": round.editsConfirmedBy.map { "\(name($0)), \(times.text(round.editsConfirmedAt ?? now))" } as Any,
                    "decisions": round.decisions.map { decision in
                        let visible = released || decision.reviewer == account.id
                        return [
                            "reviewer": name(decision.reviewer), "verdict": decision.verdict.label, "at": time(decision.at) as Any,
                            // Keys of their own: an absent one must not fall back to the stage's `reasons` or `note`.
                            "revoked": decision.revokedAt != nil, "decisionReasons": decision.reasons.joined(separator: ", "),
                            "decisionNote": visible ? decision.note : "", "decisionEdits": visible ? decision.edits : [],
                            "hasDecisionEdits": visible && !decision.edits.isEmpty, "held": !visible && !decision.note.isEmpty,
                        ] as [String: Any]
                    },
                ] as [String: Any]
            },
            "mayDecide": open && mine == nil && stage.reviewers.contains(account.id),
            "mayRevoke": open && mine != nil,
            "mayConfirm": stage.status == .edits && access.mayAct(.creator, on: item, account: account),
            "checklist": policyStage?.checklist ?? [], "hasChecklist": !(policyStage?.checklist ?? []).isEmpty,
            "verdicts": ReviewVerdict.allCases.map { ["id": $0.rawValue, "label": $0.label] },
            "reasons": workflow.reviewFailureModes(item),
            "due": (open ? time(round?.due) : nil) as Any,
            "overdue": open && (round?.due.map { $0 < now } ?? false),
        ]
    }

    /// The SLA Timeline (D6) for the item: for every step the planned time, the SLA deadline where one runs, and
    /// what happened, with returns and review decisions in their place.
    private func timeline() -> [[String: Any]] {
        var rows: [[String: Any]] = [row("Requested", planned: nil, actual: item.createdAt, by: [item.requester])]
        for task in item.tasks {
            rows.append(row("\(task.name): offered", planned: task.plannedStart, actual: task.offeredAt, by: [task.owner].compactMap { $0 }))
            rows.append(row("\(task.name): accepted", planned: nil, deadline: task.responseDue, actual: task.acceptedAt, by: [task.owner].compactMap { $0 }))
            for returned in task.returns {
                rows.append(row("\(task.name): returned (\(returned.failureModes.joined(separator: ", ")))", planned: nil, actual: returned.at, by: [returned.person]))
            }
            rows.append(row("\(task.name): delivered", planned: task.plannedDue, deadline: task.completionDue, actual: task.submittedAt, by: [task.owner].compactMap { $0 }))
        }
        for stage in item.reviews {
            for round in stage.rounds {
                rows.append(row(
                    "\(stage.name), round \(round.number): \(round.result?.label.lowercased() ?? "decided")", planned: nil, deadline: round.due, actual: round.closedAt,
                    by: round.standing.map(\.reviewer)))
            }
        }
        let scheduled = events.last { $0.type == "work.scheduled" }
        rows.append(row("Scheduled\(item.scheduledFor.map { " for \(times.text($0))" } ?? "")", planned: nil, actual: scheduled?.at, by: [scheduled?.actor].compactMap { $0 }))
        rows.append(row("Launched", planned: item.scheduledFor, deadline: item.deadline, actual: item.launchedAt, by: []))
        return rows
    }

    /// One row: the difference is against the SLA deadline when one runs, else against the plan.
    private func row(_ label: String, planned: Date?, deadline: Date? = nil, actual: Date?, by people: [String]) -> [String: Any] {
        var state = "pending"
        var offset = ""
        let target = deadline ?? planned
        if let actual, let target {
            let minutes = Int(actual.timeIntervalSince(target) / 60)
            state = minutes <= 0 ? "met" : "missed"
            offset = minutes <= 0 ? "\(Self.span(-minutes)) early" : "\(Self.span(minutes)) late"
        } else if actual != nil {
            state = "done"
        } else if let target, target < now, item.isOpen {
            state = "missed"
            offset = "\(Self.span(Int(now.timeIntervalSince(target) / 60))) late, not done"
        }
        return [
            "label": label, "planned": time(planned) as Any, "slaDue": time(deadline) as Any, "actual": time(actual) as Any, "state": state,
            "offset": offset, "by": people.map(name).joined(separator: ", "),
        ]
    }

    /// "3d 4h", "2h 05m", "12m".
    static func span(_ minutes: Int) -> String {
        if minutes >= 1440 { return "\(minutes / 1440)d \(minutes % 1440 / 60)h" }
        if minutes >= 60 { return "\(minutes / 60)h \(String(format: "%02d", minutes % 60))m" }
        return "\(minutes)m"
    }

    /// One line on what an event says.
    private func describe(_ event: Event) -> String {
        let details = event.details
        let step = details["step"].flatMap { item.task($0)?.name }
        switch event.type {
        case "work.gate_failed": return "\(step ?? "") blocked at the \(details["gate"] ?? "") gate: \(details["failed"] ?? "")"
        case "work.returned", "work.brief_returned": return "\(details["failure_modes"] ?? ""): \(details["note"] ?? "")"
        case "work.task_assigned": return "\(step ?? ""): \(name(details["owner"])) — \(details["because"] ?? "")"
        case "work.review_decided": return "\(details["stage"] ?? ""): \(details["verdict"] ?? "")\(details["reasons"].map { $0.isEmpty ? "" : " (\($0))" } ?? "")"
        case "work.needs_rework", "work.stage_approved", "work.approved_with_edits": return "\(details["stage"] ?? ""): \(details["because"] ?? "")"
        case "work.bypassed": return "\(step ?? "") \(details["gate"] ?? "") gate bypassed: \(details["tradeoff"] ?? "")"
        case "work.escalated", "work.escalation_reminder", "work.sla_breached", "work.sla_at_risk":
            return "\(step ?? details["stage"] ?? "") \(details["clock"] ?? "") due \(details["due"] ?? "")\(details["to"].map { " → \(name($0))" } ?? "")"
        default: return step ?? details["stage"] ?? ""
        }
    }
}

extension WorkItemModel {
    static let acronyms: Set<String> = ["utm", "url", "cta", "crm", "seo", "id", "svg", "png", "qa"]

    /// A field id as people read it: "utm_sheet" → "UTM sheet", "page_url" → "Page URL".
    static func label(_ field: String) -> String {
        let words = field.split(separator: "_").map { acronyms.contains(String($0)) ? $0.uppercased() : String($0) }
        guard let first = words.first else { return field }
        return ([first.prefix(1).uppercased() + first.dropFirst()] + words.dropFirst()).joined(separator: " ")
    }
}
