import BatonCore
import BatonStore
import Foundation
import Hummingbird
import Logging

/// `POST /forms/leads`: the plain HTML form endpoint for websites (H9). A page on the company's site posts its form
/// here (`application/x-www-form-urlencoded`, no script needed); the lead takes the same path as every other.
///
/// Field names are the policy's lead field ids, or HubSpot and Salesforce names. Reserved names: `activity` (what the
/// visitor did, default `form_submission`; `demo_request` makes a hand-raiser), `page_url` and `page_title` (the
/// page, else the Referer), `redirect` (where to send the visitor after, only to `formRedirectHosts`), and
/// `baton_trap`, a honeypot a person never fills in. Unknown names are kept with the lead.
struct WebFormRoutes {
    let services: AppServices
    let leads: LeadService
    let pages: PageRenderer

    /// Posts per client address per minute; more get 429.
    static let postsPerMinute = 20
    /// The same body again within this many seconds (a double click, a resent form) is the same delivery.
    static let repeatWindow: TimeInterval = 600

    private static let reserved: Set<String> = ["activity", "page_url", "page_title", "redirect", "baton_trap"]

    func register(on routes: RouteCatalogue) {
        routes.add(.post, "/forms/leads", .page, access: .open) { request, context in
            let now = services.clock.now()
            let address = ["form:\(context.clientAddress)"]
            if let wait = await services.formThrottle.retryAfter(address, now: now) {
                throw AppError(
                    .tooManyRequests, code: "too_many_posts",
                    message: "Too many form posts from this address; try again in \(Int(wait.rounded(.up))) seconds.", retryAfter: wait)
            }
            await services.formThrottle.record(address, now: now)
            let body = String(buffer: try await request.body.collect(upTo: context.maxUploadSize))
            let form = try FormFields(body: body)
            if form["baton_trap"].map({ !$0.isEmpty }) == true {
                context.logger.notice("A website form post filled the honeypot field and was not stored.")
            } else {
                let window = Int(now.timeIntervalSince1970 / Self.repeatWindow)
                let intake = LeadIntake(
                    submission: submission(form, referer: request.headers[.referer], at: now),
                    idempotencyKey: "form-" + ContentHash.sha256("\(window)|\(body)"), actor: "web_form")
                _ = try await leads.admit([intake])
            }
            if request.headers[.accept]?.contains("application/json") == true {
                return try LeadJSON.response(["received": true])
            }
            if let redirect = form["redirect"].flatMap(URL.init(string:)), let host = redirect.host,
               services.configuration.formRedirectHosts.contains(host), ["http", "https"].contains(redirect.scheme ?? "") {
                return Response(status: .seeOther, headers: [.location: redirect.absoluteString])
            }
            return pages.page("form-thanks", title: "Thank you", model: [:], identity: nil)
        }
    }

    private func submission(_ form: FormFields, referer: String?, at now: Date) -> LeadSubmission {
        var fields: [String: String] = [:]
        for (name, value) in form.values where !Self.reserved.contains(name) && !value.isEmpty {
            let id = leads.fieldIDs.contains(name) ? name : SourceFieldNames.fieldID(for: name)
            fields[id] = SourceFieldNames.fieldValue(for: name, value)
        }
        let activity = LeadActivity(
            kind: form["activity"].flatMap { $0.isEmpty ? nil : $0 } ?? "form_submission", at: now, title: form["page_title"],
            url: form["page_url"] ?? referer)
        return LeadSubmission(source: "web_form", fields: fields, activities: [activity])
    }
}
