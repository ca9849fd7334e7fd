import Foundation

/// What a rep or manager action takes: read from JSON by the API and from an HTML form by the pages.
protocol LeadActionInput: Decodable, Sendable {
    /// Reads the form's fields; `fieldIDs` are the policy's lead fields (for corrections).
    init(form: FormFields, fieldIDs: Set<String>) throws
}

extension FormFields {
    /// A required form value, or 400 naming the field.
    fileprivate func required(_ name: String, _ what: String) throws -> String {
        guard let value = self[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
            throw AppError.badRequest("Choose \(what).", details: ["\(name): missing"])
        }
        return value
    }

    fileprivate func optional(_ name: String) -> String? {
        self[name].flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
    }
}

struct EmptyRequest: LeadActionInput {
    init(form: FormFields, fieldIDs: Set<String>) {}
}

struct FirstTouchRequest: LeadActionInput {
    let channel: String
    let note: String?

    init(form: FormFields, fieldIDs: Set<String>) throws {
        channel = try form.required("channel", "how you reached the lead")
        note = form.optional("note")
    }
}

struct RejectRequest: LeadActionInput {
    let reason: String
    let note: String?

    init(form: FormFields, fieldIDs: Set<String>) throws {
        reason = try form.required("reason", "a rejection reason")
        note = form.optional("note")
    }
}

struct DispositionRequest: LeadActionInput {
    let disposition: String
    /// Why the lead is closed without a first touch: one of the policy's `no_contact_reasons`.
    let reason: String?

    init(form: FormFields, fieldIDs: Set<String>) throws {
        disposition = try form.required("disposition", "a disposition")
        reason = form.optional("reason")
    }
}

struct ReassignRequest: LeadActionInput {
    let to: String
    let reason: String?

    init(form: FormFields, fieldIDs: Set<String>) throws {
        to = try form.required("to", "who takes the lead")
        reason = form.optional("reason")
    }
}

struct ResubmitRequest: LeadActionInput {
    let fields: [String: String]

    /// The form shows every field with its current value; sending an unchanged value changes nothing. A checkbox
    /// named in `_checkboxes[]` and not sent was unticked: "false".
    init(form: FormFields, fieldIDs: Set<String>) {
        var fields = form.values.filter { fieldIDs.contains($0.key) }
        for box in form.list("_checkboxes") where fieldIDs.contains(box) && fields[box] == nil { fields[box] = "false" }
        self.fields = fields
    }
}

/// The body of `POST /api/v1/leads/bulk/reassign`.
struct BulkReassignRequest: Decodable {
    let leads: [Int64]
    let to: String
    let reason: String?
}
