import BatonCore
import BatonPolicy
import BatonStore
import Foundation
import Hummingbird

/// The backtest page (X2): a candidate policy, pasted or edited from the one in force, replayed over a period's
/// leads; the result on the page or as CSV. Read-only. Admins and ops.
struct BacktestPageRoutes {
    let services: AppServices
    let pages: PageRenderer

    static let entry = PageRoutes.Entry(title: "Backtest", path: "/reports/backtest", roles: [.admin, .ops])
    /// Leads that move listed on the page; the CSV has them all.
    static let shown = 200

    var policy: Policy { services.policy.policy }

    func register(on routes: RouteCatalogue) {
        routes.add(.get, Self.entry.path, .page, access: .roles(Self.entry.roles)) { request, context in
            let now = services.clock.now()
            let model: [String: Any] = [
                "csrf": context.identity?.csrfToken ?? "", "policy": services.policy.loaded.source,
                "from": Scorecards.defaultFrom(now: now), "to": ScorecardText.day(now),
            ]
            return pages.page("backtest", title: Self.entry.title, model: TemplateModel.clean(model), identity: context.identity, path: request.uri.path)
        }
        routes.add(.post, Self.entry.path, .page, access: .roles(Self.entry.roles)) { request, context in
            let form = try await FormReader.read(request, context: context)
            let now = services.clock.now()
            var model: [String: Any] = [
                "csrf": context.identity?.csrfToken ?? "", "policy": form["policy"] ?? "",
                "from": form["from"] ?? Scorecards.defaultFrom(now: now), "to": form["to"] ?? ScorecardText.day(now),
            ]
            let period: ReportPeriod
            let from = form["from"].flatMap { $0.isEmpty ? nil : $0 }, to = form["to"].flatMap { $0.isEmpty ? nil : $0 }
            do {
                period = try ReportPeriod(from: from, to: to, now: now)
            } catch let problem as ReportPeriod.Problem {
                (model["refused"], model["problems"]) = (true, [problem.description])
                return pages.page("backtest", title: Self.entry.title, model: TemplateModel.clean(model), identity: context.identity, path: request.uri.path, status: .badRequest)
            }
            let candidate: Policy
            do {
                candidate = try Backtests.candidate(form["policy"] ?? "", file: "candidate policy")
            } catch let invalid as PolicyInvalid {
                (model["refused"], model["problems"]) = (true, invalid.problems.map(\.description))
                return pages.page("backtest", title: Self.entry.title, model: TemplateModel.clean(model), identity: context.identity, path: request.uri.path, status: .badRequest)
            }
            let csv = form["format"] == "csv"
            let backtest = try await Backtests(store: services.store).run(candidate, inForce: policy, over: period, keeping: csv ? nil : Self.shown)
            if csv { return ReportPageRoutes.csv(Backtests.csv(backtest, policy: candidate), name: "backtest-\(ScorecardText.day(period.start))") }
            model["result"] = result(backtest, candidate: candidate)
            return pages.page("backtest", title: Self.entry.title, model: TemplateModel.clean(model), identity: context.identity, path: request.uri.path)
        }
    }

    private func result(_ backtest: Backtest, candidate: Policy) -> [String: Any] {
        let text = BacktestText(backtest: backtest, policy: candidate)
        let moved = backtest.moved, moves = backtest.moves
        return [
            "leads": backtest.count, "empty": backtest.count == 0,
            "comparison": text.comparison.map { ["label": $0.label, "inForce": $0.inForce, "candidate": $0.candidate] },
            "loads": backtest.loads.map { load in
                ["name": text.person(load.person), "inForce": load.inForce, "candidate": load.candidate, "peakInForce": load.peakInForce,
                 "peakCandidate": load.peakCandidate, "capacity": load.capacity.map(String.init) ?? "—",
                 "over": load.capacity.map { load.peakCandidate > $0 } ?? false]
            },
            "elsewhere": moves.destination, "reassigned": moves.owner, "more": moves.destination + moves.owner > Self.shown, "shown": Self.shown,
            "moved": moved.prefix(Self.shown).map { lead in
                ["id": lead.id, "name": lead.name, "inForce": lead.inForce.describe(candidate), "candidate": lead.candidate.describe(candidate), "why": lead.candidate.because]
            },
        ]
    }
}
