import BatonCore
import Foundation

/// What a work action takes: read from JSON by the API and from an HTML form by the pages. `revision`, when sent,
/// is the item's revision the caller saw; a newer item refuses the action (409) instead of overwriting.
protocol WorkActionInput: Decodable, Sendable {
    init(form: FormFields) throws
    var revision: Int? { get }
}

extension FormFields {
    /// A required form value, or 400 naming the field.
    func requiredValue(_ name: String, _ what: String) throws -> String {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            throw AppError.badRequest("Give \(what).", details: ["\(name): missing"])
        }
        return value
    }

    /// The form's revision field: nil when absent, a 400 when it is not a whole number.
    func revision() throws -> Int? {
        guard let text = self["revision"], !text.isEmpty else { return nil }
        guard let number = Int(text) else { throw AppError.badRequest("The form's revision is not a number.", details: ["revision: '\(text.prefix(40))'"]) }
        return number
    }

    /// A list sent as `name[]`, or as one value with one item per line.
    func items(_ name: String) -> [String] {
        let listed = list(name)
        return listed.isEmpty ? BriefValidator.items(self[name] ?? "") : listed
    }
}

/// An action on one step: accept, submit.
struct StepInput: WorkActionInput {
    let step: String
    let revision: Int?

    init(form: FormFields) throws {
        step = try form.requiredValue("step", "the step")
        revision = try form.revision()
    }
}

/// Work handed back at a gate: the failure modes (A3) and a note.
struct ReturnInput: WorkActionInput {
    let step: String
    let reasons: [String]
    let note: String
    let revision: Int?

    init(form: FormFields) throws {
        step = try form.requiredValue("step", "the step")
        reasons = form.items("reasons")
        note = form["note"] ?? ""
        revision = try form.revision()
    }
}

/// Why the work is cancelled.
struct CancelInput: WorkActionInput {
    let reason: String
    let revision: Int?

    init(form: FormFields) throws {
        reason = form["reason"] ?? ""
        revision = try form.revision()
    }
}

/// A task given to another holder of its role.
struct ReassignInput: WorkActionInput {
    let step: String
    let to: String
    let reason: String?
    let revision: Int?

    init(form: FormFields) throws {
        step = try form.requiredValue("step", "the step")
        to = try form.requiredValue("to", "who takes it")
        reason = form["reason"]
        revision = try form.revision()
    }
}

struct SignOffInput: WorkActionInput {
    let field: String
    let revision: Int?

    init(form: FormFields) throws {
        field = try form.requiredValue("field", "the field to sign off")
        revision = try form.revision()
    }
}

/// A gate passed despite failing checks, with what slips (B4).
struct BypassInput: WorkActionInput {
    let step: String
    let tradeoff: String
    let revision: Int?

    init(form: FormFields) throws {
        step = try form.requiredValue("step", "the step")
        tradeoff = form["tradeoff"] ?? ""
        revision = try form.revision()
    }
}

/// Fields the roles fill in; on a form, every field except the form's own.
struct FieldsInput: WorkActionInput {
    let fields: [String: String]
    let revision: Int?

    init(form: FormFields) throws {
        var fields: [String: String] = [:]
        for name in form.names where !["_csrf", "revision"].contains(name) { fields[name] = form.items(name).joined(separator: "\n") }
        self.fields = fields
        revision = try form.revision()
    }
}

struct CommentInput: WorkActionInput {
    let text: String
    let revision: Int?

    init(form: FormFields) throws {
        text = form["text"] ?? ""
        revision = nil
    }
}

/// A reviewer's decision (E2): verdict, reasons, note, edits (one per line on a form) and the ticked checklist.
struct DecideInput: WorkActionInput {
    let stage: String
    let verdict: ReviewVerdict
    let reasons: [String]?
    let note: String?
    let edits: [String]?
    let checked: [String]?
    let revision: Int?

    init(form: FormFields) throws {
        stage = try form.requiredValue("stage", "the review stage")
        let text = try form.requiredValue("verdict", "a decision")
        guard let verdict = ReviewVerdict(rawValue: text) else {
            throw AppError.badRequest("Choose a decision.", details: ["verdict: expected one of \(ReviewVerdict.allCases.map(\.rawValue).joined(separator: ", "))"])
        }
        self.verdict = verdict
        reasons = form.items("reasons")
        note = form["note"]
        edits = form.items("edits")
        checked = form.list("checked")
        revision = try form.revision()
    }

    var review: ReviewInput {
        ReviewInput(verdict: verdict, reasons: reasons ?? [], note: note ?? "", edits: edits ?? [], checked: checked ?? [])
    }
}

/// An action on one review stage: revoke a decision, confirm edits.
struct StageInput: WorkActionInput {
    let stage: String
    let revision: Int?

    init(form: FormFields) throws {
        stage = try form.requiredValue("stage", "the review stage")
        revision = try form.revision()
    }
}

/// An action that needs nothing but the item: resubmit for review, sign off the rush.
struct PlainInput: WorkActionInput {
    let revision: Int?

    init(form: FormFields) throws { revision = try form.revision() }
}

/// When the approved work goes live: a date (`2027-01-12`: the opening of that working day on the requester's
/// calendar) or an ISO 8601 time with its zone (`2027-01-12T09:00:00+01:00`).
struct ScheduleInput: WorkActionInput {
    let at: String
    let revision: Int?

    init(form: FormFields) throws {
        at = try form.requiredValue("at", "the launch date")
        revision = try form.revision()
    }

    /// The instant, on `time` for a date; a 400 for anything else.
    func date(on time: BusinessTime?) throws -> Date {
        let text = at.trimmingCharacters(in: .whitespaces)
        if BriefValidator.isDate(text), let opening = time?.opening(onISODate: text) { return opening }
        if text.count > 10, let date = try? Date(text, strategy: .iso8601), date.timeIntervalSince1970.isFinite { return date }
        throw AppError.badRequest("The launch date could not be read.", details: ["at: '\(text.prefix(40))' is not a date such as 2027-01-12 or a time with its zone such as 2027-01-12T09:00:00+01:00"])
    }
}

struct LaunchInput: WorkActionInput {
    let url: String?
    let revision: Int?

    init(form: FormFields) throws {
        url = form["url"]?.trimmingCharacters(in: .whitespaces)
        revision = try form.revision()
    }
}

/// A changed brief of a draft or a returned item; `submit` sends it on.
struct BriefInput: WorkActionInput {
    let fields: [String: String]
    let name: String?
    let rush: String?
    let submit: Bool
    let revision: Int?

    init(form: FormFields) throws {
        let brief = BriefFormInput(form: form)
        fields = brief.fields
        name = brief.name
        rush = brief.rush
        submit = form["submit"] != "draft"
        revision = try form.revision()
    }
}

/// A brief as the brief form posts it: each field by id (multi-choices as `id[]`, ticks as `on`), the optional
/// hand-written name, and a rush with its trade-off.
struct BriefFormInput {
    var fields: [String: String] = [:]
    var name: String?
    var rush: String?

    static let formFields: Set<String> = ["_csrf", "revision", "submit", "name", "rush", "rush_tradeoff"]

    init() {}

    init(form: FormFields) {
        for name in form.names where !Self.formFields.contains(name) {
            let value = form.items(name).joined(separator: "\n")
            if !value.isEmpty { fields[name] = value }
        }
        name = form["name"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        rush = form["rush"] == nil ? nil : (form["rush_tradeoff"] ?? "")
    }
}
