import BatonCore
import BatonStore
import Foundation
import Hummingbird
import HummingbirdCore

/// The report pages: the Handoff Health Scorecard with its CSV and the items behind each figure, and the lead report
/// with its CSV. Who may read them: admins, ops and viewers, who see every lead and every item.
struct ReportPageRoutes {
    let services: AppServices
    let pages: PageRenderer

    static let scorecard = PageRoutes.Entry(title: "Scorecard", path: "/reports/scorecard", roles: [.admin, .ops, .viewer])
    static let leadReport = PageRoutes.Entry(title: "Lead report", path: "/reports/leads", roles: [.admin, .ops, .viewer])
    static let reviewPack = PageRoutes.Entry(title: "Review pack", path: "/reports/review-pack", roles: [.admin, .ops, .viewer])
    static let capacity = PageRoutes.Entry(title: "Capacity", path: "/reports/capacity", roles: [.admin, .ops, .salesManager, .viewer])
    static let entries = [scorecard, reviewPack, leadReport, capacity]
    static let perPage = 50

    var policy: Policy { services.policy.policy }
    var scorecards: Scorecards { Scorecards(store: services.store) }

    func register(on routes: RouteCatalogue) {
        routes.add(.get, Self.scorecard.path, .page, access: .roles(Self.scorecard.roles)) { request, context in
            let (scorecard, asked) = try await read(request)
            let model = ScorecardModel(scorecard: scorecard, request: asked, policy: policy).model
            return pages.page("scorecard", title: "Handoff Health Scorecard", model: TemplateModel.clean(model), identity: context.identity, path: request.uri.path)
        }
        routes.add(.get, Self.scorecard.path + ".csv", .page, access: .roles(Self.scorecard.roles)) { request, _ in
            let (scorecard, _) = try await read(request)
            return Self.csv(Scorecards.csv(scorecard), name: "scorecard-\(ScorecardText.day(scorecard.start))")
        }
        routes.add(.get, ScorecardModel.itemsPath, .page, access: .roles(Self.scorecard.roles), example: ScorecardModel.itemsPath + "?metric=lead_acceptance") {
            request, context in
            let figure = try ScorecardFigureRequest(request.uri)
            let (scorecard, asked) = try await read(request)
            let model = try await itemsModel(scorecard, asked, figure, request: request, identity: context.identity)
            return pages.page("scorecard-items", title: figure.metric.label, model: TemplateModel.clean(model), identity: context.identity, path: request.uri.path)
        }
        registerLeadReport(on: routes)
        registerReviewPack(on: routes)
        routes.add(.get, Self.capacity.path, .page, access: .roles(Self.capacity.roles)) { request, context in
            let uri = request.uri
            let asked = Simulations.Request(
                weeks: try uri.integer("weeks", default: 13, in: 1...26), volume: try Self.number(uri, "volume", default: 1),
                handlingMinutes: try Self.number(uri, "handling", default: 6), historyWeeks: try uri.integer("history", default: 4, in: 1...26),
                seed: UInt64(try uri.integer("seed", default: 1, in: 0...Int.max)))
            if let problem = asked.problem { throw AppError.badRequest("That simulation cannot run.", details: [problem]) }
            let simulation = try await Simulations(store: services.store).run(asked, policy: policy, now: services.clock.now())
            let model = CapacityModel(request: asked, simulation: simulation, policy: policy).model
            return pages.page("capacity", title: "Capacity simulation", model: TemplateModel.clean(model), identity: context.identity, path: request.uri.path)
        }
    }

    /// A decimal query parameter, or a 400 naming it.
    static func number(_ uri: URI, _ name: String, default fallback: Double) throws -> Double {
        guard let text = uri.queryParameters[Substring(name)].map(String.init), !text.isEmpty else { return fallback }
        guard let value = Double(text), value.isFinite else { throw AppError.badRequest("That simulation cannot run.", details: ["\(name): expected a number"]) }
        return value
    }

    private func registerReviewPack(on routes: RouteCatalogue) {
        routes.add(.get, Self.reviewPack.path, .page, access: .roles(Self.reviewPack.roles)) { request, context in
            let (pack, weeks) = try await reviewPack(request)
            let model = ReviewPackModel(pack: pack, weeks: weeks, schedule: policy.reviewPack, now: services.clock.now()).model
            return pages.page("review-pack", title: Self.reviewPack.title, model: TemplateModel.clean(model), identity: context.identity, path: request.uri.path)
        }
        routes.add(.get, Self.reviewPack.path + ".csv", .page, access: .roles(Self.reviewPack.roles)) { request, _ in
            let (pack, _) = try await reviewPack(request)
            return Self.csv(ReviewPacks.csv(pack), name: "review-pack-\(ScorecardText.day(pack.start))")
        }
    }

    /// The pack that `ending` (the last day, YYYY-MM-DD; default: the last pack posted) closes, over the policy's weeks.
    private func reviewPack(_ request: Request) async throws -> (ReviewPack, Int) {
        let now = services.clock.now()
        var end = ReviewPacks.defaultEnd(policy: policy, now: now)
        if let text = request.uri.queryParameters["ending"].map(String.init), !text.isEmpty {
            guard let day = Timestamp.day(text), IntakeDate.plausible.contains(day) else {
                throw AppError.badRequest("That pack cannot be shown.", details: ["ending: expected the pack's last day, YYYY-MM-DD"])
            }
            guard day.addingTimeInterval(-Double(policy.reviewPack?.everyWeeks ?? 2) * 7 * 86_400) < now else {
                throw AppError.badRequest("That pack cannot be shown.", details: ["ending: that period has not begun"])
            }
            end = day.addingTimeInterval(86_400)
        }
        let weeks = policy.reviewPack?.everyWeeks ?? 2
        return (try await ReviewPacks(store: services.store).pack(ending: end, weeks: weeks, policy: policy, now: now), weeks)
    }

    private func registerLeadReport(on routes: RouteCatalogue) {
        routes.add(.get, Self.leadReport.path, .page, access: .roles(Self.leadReport.roles)) { request, context in
            let (report, asked) = try await leadReport(request)
            let model = LeadReportModel(report: report, request: asked).model
            return pages.page("lead-report", title: Self.leadReport.title, model: TemplateModel.clean(model), identity: context.identity, path: request.uri.path)
        }
        routes.add(.get, Self.leadReport.path + ".csv", .page, access: .roles(Self.leadReport.roles)) { request, _ in
            let (report, _) = try await leadReport(request)
            return Self.csv(LeadReports.csv(report), name: "leads-\(ScorecardText.day(report.from))")
        }
    }

    private func leadReport(_ request: Request) async throws -> (LeadReport, LeadReportRequest) {
        let now = services.clock.now()
        let asked = try LeadReportRequest(request.uri, now: now)
        return (try await LeadReports(store: services.store).report(asked.period, segments: [asked.segment], now: now), asked)
    }

    private func read(_ request: Request) async throws -> (Scorecard, ScorecardRequest) {
        let now = services.clock.now()
        let asked = try ScorecardRequest(request.uri, policy: policy, now: now)
        return (try await scorecards.scorecard(asked.period, policy: policy, filter: asked.filter, now: now), asked)
    }

    /// The observations behind one figure, a page at a time, each naming its lead or item.
    private func itemsModel(
        _ scorecard: Scorecard, _ asked: ScorecardRequest, _ figure: ScorecardFigureRequest, request: Request, identity: Identity?
    ) async throws -> [String: Any] {
        let observed = scorecard.observations(of: figure.metric, week: figure.week, part: figure.part, reason: figure.reason)
        let page = try request.uri.integer("page", default: 1, in: 1...1_000_000)
        let shown = observed.dropFirst((page - 1) * Self.perPage).prefix(Self.perPage)
        let times = TimeText(person: identity?.account.id, policy: policy)
        // The page's leads in one read; work items one by one (at most a page of them).
        let leadIDs = shown.compactMap { if case .lead(let id) = $0.subject { id } else { nil } }
        let leadNames = Dictionary(try await services.store.leads(ids: leadIDs).map { ($0.id, $0.displayName) }) { first, _ in first }
        var rows: [[String: Any]] = []
        for observation in shown {
            let (kind, href, name) = try await describe(observation.subject, leadNames: leadNames)
            rows.append([
                "subject": href, "href": href, "kind": kind, "name": name, "at": times.value(observation.at) as Any,
                "result": Self.result(observation), "part": observation.group ?? "", "reasons": observation.reasons.joined(separator: ", "),
            ])
        }
        // With a reason, the figure is how many of the whole base name it (8 of 710), not the share of those 8 that are hits.
        let base = figure.reason == nil ? observed : scorecard.observations(of: figure.metric, week: figure.week, part: figure.part)
        let summary = Figure(figure.metric, observed)
        let value = figure.reason == nil ? ScorecardText.value(summary) : Share(observed.count, of: base.count).percent.map { ScorecardText.number($0, 1) + " %" } ?? "no data"
        let baseText = figure.reason == nil ? ScorecardText.base(summary) : "\(observed.count) of \(base.count)"
        let narrowing = [figure.week.map { "week of \(ScorecardText.day($0))" }, figure.part, figure.reason].compactMap { $0 }
        let segment = [asked.filter.team.map { "team \($0)" }, asked.filter.handoff.map { "handoff \($0)" },
                       asked.filter.channel.map { "channel \($0)" }, asked.filter.source.map { "source \($0)" }].compactMap { $0 }
        var link = [String: String?]()
        for (name, value) in [("metric", figure.metric.rawValue), ("week", figure.week.map(ScorecardText.day)), ("part", figure.part), ("reason", figure.reason)] {
            link[name] = value
        }
        return [
            "label": figure.metric.label, "counts": figure.metric.counts, "value": value, "base": baseText,
            "narrowing": narrowing.joined(separator: ", "), "segment": segment.joined(separator: ", "),
            "from": ScorecardText.day(scorecard.start), "to": ScorecardText.day(scorecard.end.addingTimeInterval(-1)),
            "back": asked.link(Self.scorecard.path) + "#\(figure.metric.rawValue)", "rows": rows,
            "pager": observed.isEmpty ? nil : WorkListModels.pager(total: observed.count, page: page, perPage: Self.perPage) { number in
                asked.link(ScorecardModel.itemsPath, changing: link.merging(["page": String(number)]) { $1 })
            } as Any,
        ]
    }

    /// What a row shows of its subject: its kind, its page and its name.
    private func describe(_ subject: Observation.Subject, leadNames: [Int64: String]) async throws -> (String, String, String) {
        switch subject {
        case .lead(let id):
            return ("Lead", "/leads/\(id)", leadNames[id] ?? "Lead \(id)")
        case .work(let id):
            let name = try await services.store.workItem(id: id)?.name ?? "Item \(id)"
            return ("Work item", "/work/\(id)", name)
        }
    }

    /// "met", "missed", or the amount in the metric's unit.
    static func result(_ observation: Observation) -> String {
        switch observation.metric.aggregate {
        case .share:
            switch observation.metric {
            case .gateReturns: observation.isHit ? "returned" : "accepted"
            case .bypasses: observation.isHit ? "bypassed" : "passed"
            case .leadAcceptance, .mqlToSQL: observation.isHit ? "accepted" : "not accepted"
            case .leadToMQL: observation.isHit ? "became an MQL" : "did not qualify"
            case .sqlToOpportunity: observation.isHit ? "opportunity opened" : "no opportunity"
            case .briefCompliance: observation.isHit ? "accepted at the first pass" : "returned"
            default: observation.isHit ? "met" : "missed"
            }
        case .median, .mean:
            "\(ScorecardText.number(observation.value, 1)) \(observation.metric == .reworkRounds ? "rounds" : observation.metric == .speedToLead ? "business minutes" : "hours")"
        }
    }

    /// A CSV download named `name`.csv.
    static func csv(_ text: String, name: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name).csv\"", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
