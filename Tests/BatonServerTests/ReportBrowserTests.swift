import BatonCore
import BatonPolicy
import BatonServer
import BatonStore
import BatonTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// The scorecard and the lead report in real headless Chromium, on three weeks of the demo's history.
@Suite("Reports in the browser", .enabled(if: WebDriver.isAvailable, "needs chromium and chromium-driver"), .serialized)
struct ReportBrowserTests {
    /// Set BATON_SCREENSHOTS to a folder to keep a PNG of the report pages.
    let screenshots = ProcessInfo.processInfo.environment["BATON_SCREENSHOTS"]

    /// Given the demo's lead and work history, when the admin opens the scorecard, then the five tiles show the
    /// figures the scorecard computes, with trends and flags; a tile opens the items behind it, one of them opens its
    /// page; a segment narrows every figure; the lead report splits conversion by rep; the review pack has its three
    /// sections; a sales rep is refused.
    @Test("the scorecard, lead report and review pack on the demo history: tiles, trends, flags, the items behind a figure, a segment, access")
    func scorecardOnDemo() async throws {
        let (clock, configuration, store, policy) = try await Self.demo()
        let period = try ReportPeriod(from: Scorecards.defaultFrom(now: clock.now()), to: nil, now: clock.now())
        let expected = try await Scorecards(store: store).scorecard(period, policy: policy, now: clock.now())
        let sales = try await Scorecards(store: store).scorecard(period, policy: policy, filter: ScorecardFilter(team: "sales"), now: clock.now())
        try await Self.withBrowser(configuration, store, clock) { browser, base in
            try await run(browser, base: base, expected: expected, sales: sales)
        }
    }

    /// A fresh database with three weeks of the demo's history, at the manual clock's start (15 January 2027).
    static func demo(days: Int = 21) async throws -> (ManualClock, ServerConfiguration, SQLiteStore, Policy) {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        let policy = try PolicyLoader.load(contentsOf: examplePolicyPath).policy
        let leads = try await DemoData.generateLeads(store: store, policy: policy, now: clock.now(), days: days)
        let items = try await DemoData.generateWork(store: store, policy: policy, now: clock.now(), days: days)
        #expect(leads > 200 && items > 20, "\(leads) leads, \(items) items")
        return (clock, configuration, store, policy)
    }

    /// Runs `body` with a browser on the live application, quitting the browser whatever happens.
    static func withBrowser(_ configuration: ServerConfiguration, _ store: SQLiteStore, _ clock: ManualClock, _ body: @escaping @Sendable (WebDriver, String) async throws -> Void) async throws {
        try await withLiveBrowser(try await buildApplication(configuration, store: store, clock: clock).application, height: 1000, body)
    }

    static func signIn(_ browser: WebDriver, _ base: String, _ person: String, next: String) async throws {
        try await browser.deleteCookies()
        try await browser.open(base + "/login?next=" + next)
        try await browser.type("\(person)@northwind.example", into: "#email")
        try await browser.type(testPassword, into: "#password")
        try await browser.click("button[type=submit]")
        try await browser.wait("\(person) signed in") { !(try await browser.currentURL().contains("/login")) }
    }

    /// Given the demo history, when the admin draws December's sample, then it holds handoffs of both kinds with
    /// what the system found ticked; recording an entry with a fix lists the fix as open, and marking it done
    /// closes it; the quarterly review starts with its four questions and links to its evidence.
    @Test("an audit on the demo history: draw a month's sample, inspect an entry, decide a fix, mark it done; the quarterly review")
    func auditOnDemo() async throws {
        // December 2026 is the last month over on 15 January 2027: the history covers all of it.
        let (clock, configuration, store, _) = try await Self.demo(days: 50)
        try await Self.withBrowser(configuration, store, clock) { browser, base in
            try await Self.signIn(browser, base, "rhea", next: "/audits")
            try await browser.setValue("2026-12", of: "#month")
            try await browser.click("form[aria-label='Draw a monthly sample'] button[type=submit]")
            try await browser.wait("the new audit") { try await browser.currentURL().contains("/audits/1") }
            let subjects = try await browser.texts("section.audit-entry h2")
            #expect(subjects.count == 15, "\(subjects)")
            let audit = try #require(try await store.audit(id: 1))
            #expect(Set(audit.entries.map { $0.subject.split(separator: ":")[0] }) == ["lead", "work"], "both kinds")
            let ticked = try await browser.texts("#entry-1 input[name='found[]'][checked]").count
            #expect(ticked == audit.entries[0].checks.filter { !$0.passed }.count, "what the system found is ticked")

            try await browser.clickAll("#entry-1 input[name='found[]']:not([checked])")
            try await browser.type("Company and title missing; touched late.", into: "#finding-1")
            try await browser.type("Make company required on the HubSpot form", into: "#fix-1")
            try await browser.setValue("tomas", of: "#owner-1")
            try await browser.setValue("2027-01-29", of: "#due-1")
            try await browser.click("#entry-1 form.audit-form button[type=submit]")
            try await browser.wait("the entry recorded or refused") { !(try await browser.texts("p[role=status], p[role=alert]").isEmpty) }
            #expect(try await browser.texts("p[role=status], p[role=alert]") == ["Entry 1 recorded."])
            #expect(try await browser.texts("#entry-1 p.notice").first?.hasPrefix("Fix: Make company required on the HubSpot form — Tomás Lindqvist, due 2027-01-29") == true)
            try await browser.open(base + "/audits")
            #expect(try await browser.texts("div[aria-label='Open fixes'] tbody th").first?.hasPrefix("Make company required") == true)
            try await browser.open(base + "/audits/1")
            try await browser.click("form[aria-label='Fix of entry 1 done'] button")
            try await browser.wait("the fix done") { try await browser.texts("p.notice[role=status]").first == "The fix of entry 1 is done." }
            try await browser.open(base + "/audits")
            #expect(try await browser.texts("div[aria-label='Open fixes'] tbody td").first == "No fix is open.")

            try await browser.setValue("2027-Q1", of: "#quarter")
            try await browser.click("form[aria-label='Start a quarterly review'] button[type=submit]")
            try await browser.wait("the quarterly review") { try await browser.currentURL().contains("/audits/2") }
            #expect(try await browser.texts("section.audit-entry h2").map { String($0.prefix(14)) } == ["1. Definitions", "2. Scoring: fi", "3. Routing: ru", "4. Feedback lo"])
            #expect(try await browser.texts("#entry-1 a[href='/policy/criteria']") == ["/policy/criteria"], "evidence on this server is a link")
        }
    }

    /// Given the demo history, when an admin raises the sales-ready threshold in the candidate and runs the backtest,
    /// then fewer leads go to sales, the leads that move say why; a candidate with a mistake is refused with where.
    @Test("a backtest on the demo history: a stricter candidate sends fewer leads to sales, each move with why; a broken candidate is refused")
    func backtestOnDemo() async throws {
        let (clock, configuration, store, policy) = try await Self.demo()
        let text = try examplePolicyText()
        let expected = try await Backtests(store: store).run(
            try Backtests.candidate(text.replacingOccurrences(of: "sales_ready: 60", with: "sales_ready: 80"), file: "candidate"), inForce: policy,
            over: try ReportPeriod(from: Scorecards.defaultFrom(now: clock.now()), to: nil, now: clock.now()))
        try await Self.withBrowser(configuration, store, clock) { browser, base in
            try await Self.signIn(browser, base, "tomas", next: "/reports/backtest")
            try await browser.setValue(text.replacingOccurrences(of: "sales_ready: 60", with: "sales_ready: lots"), of: "#policy")
            try await browser.click("button[value=page]")
            try await browser.wait("the refusal") { !(try await browser.texts("div.alert li").isEmpty) }
            #expect(try await browser.texts("div.alert li").first?.contains("candidate policy:") == true, "the problem names where it is")
            try await browser.setValue(text.replacingOccurrences(of: "sales_ready: 60", with: "sales_ready: 80"), of: "#policy")
            try await browser.click("button[value=page]")
            try await browser.wait("the result") { !(try await browser.texts("div[aria-label=Comparison] tbody tr").isEmpty) }
            let sales = expected.volume(.sales)
            #expect(try await browser.texts("div.alert").isEmpty, "no refusal once the candidate is right")
            #expect(try await browser.texts("div[aria-label=Comparison] tbody tr").first == "Sent to sales \(sales.inForce) \(sales.candidate)")
            let moved = try await browser.texts("div[aria-label='Leads that move'] tbody tr[data-lead] td:last-child")
            #expect(moved.count == min(200, expected.moved.count) && moved.first?.contains("below the sales-ready threshold of 80") == true)
            if let screenshots = screenshots { try await browser.screenshot(to: "\(screenshots)/backtest.png") }
        }
    }

    private func run(_ browser: WebDriver, base: String, expected: Scorecard, sales: Scorecard) async throws {
        func signIn(_ person: String, next: String) async throws { try await Self.signIn(browser, base, person, next: next) }
        func tileValue(_ card: Scorecard, _ metric: ScorecardMetric) throws -> String {
            Scorecards.text(try #require(card.row(metric)).figure)
        }

        try await signIn("rhea", next: "/reports/scorecard")
        #expect(try await browser.currentURL() == base + "/reports/scorecard")
        #expect(try await browser.texts(".scorecard-tile .tile-label") == ["Brief compliance", "Rework rounds", "Speed to lead", "Lead acceptance", "SLA compliance"])
        let shown = try await browser.texts(".scorecard-tile .figure")
        #expect(shown == (try ScorecardMetric.tiles.map { try tileValue(expected, $0) }), "the tiles show the scorecard's own figures")
        #expect(!shown.contains("no data"), "the demo has real figures on every tile")
        #expect(try await browser.texts(".scorecard-tile svg.trend").count == 5)
        let flags = try await browser.texts("section[data-metric=lead_to_mql] .flag")
        let mql = try #require(expected.row(.leadToMQL))
        #expect(flags.isEmpty == (mql.reading == .within), "a figure outside the policy's range is flagged in words: \(flags)")
        #expect(try await browser.texts("section[data-metric=sla_compliance] summary") == ["By week", "By part"])
        let returns = try await browser.texts("section[data-metric=gate_returns] div[aria-label='Gate returns by reason'] tbody th")
        let modes = try #require(expected.row(.gateReturns)).reasons.map(\.label)
        #expect(!returns.isEmpty && returns == modes, "every failure mode, most frequent first")
        if let screenshots { try await browser.screenshot(to: "\(screenshots)/scorecard.png") }

        // A tile opens the items behind it.
        try await browser.click(".scorecard-tile[data-metric=lead_acceptance] a.figure")
        try await browser.wait("the items behind lead acceptance") { try await browser.currentURL().contains("/reports/scorecard/items?") }
        let acceptance = try #require(expected.row(.leadAcceptance)).figure
        let status = try await browser.texts("p.count").first ?? ""
        #expect(status == "Observations 1–\(min(50, acceptance.count)) of \(acceptance.count)")
        #expect(try await browser.texts("tbody tr[data-subject]").count == min(50, acceptance.count))
        if let screenshots { try await browser.screenshot(to: "\(screenshots)/scorecard-items.png") }
        try await browser.click("tbody tr[data-subject] th a")
        try await browser.wait("a lead's page") { try await browser.currentURL().contains("/leads/") }

        // A segment narrows every figure.
        try await browser.open(base + "/reports/scorecard?team=sales")
        #expect(try await browser.texts(".scorecard-tile[data-metric=lead_acceptance] .figure") == [try tileValue(sales, .leadAcceptance)])
        #expect(try await browser.texts(".scorecard-tile[data-metric=brief_compliance] .figure") == ["no data"], "no asset work is the sales team's")

        // The lead report.
        try await browser.open(base + "/reports/leads?by=rep")
        #expect(try await browser.texts("h2").contains("Conversion by Rep"))
        #expect(try await browser.texts("table[aria-label] tbody tr, div[aria-label='Conversion by Rep'] tbody tr").count > 2)
        if let screenshots { try await browser.screenshot(to: "\(screenshots)/lead-report.png") }

        // The review pack: three sections, the print button the script shows, rejections with their counts.
        try await browser.open(base + "/reports/review-pack")
        #expect(try await browser.texts("h2") == ["1. SLA performance", "2. Dispositions and rejections", "3. Definition changes since the last pack"])
        #expect(try await browser.texts("button[data-print]") == ["Print"], "shown by the script; the page works without it")
        #expect(try await browser.texts("div[aria-label=Rejections] tbody tr").count >= 3)
        #expect(try await browser.texts("div[aria-label='SLA performance'] tbody tr").first?.hasPrefix("SLA compliance, every clock") == true)
        if let screenshots { try await browser.screenshot(to: "\(screenshots)/review-pack.png") }

        // A rep does not read the team's figures.
        try await signIn("ana", next: "/")
        try await browser.open(base + "/reports/scorecard")
        #expect(try await browser.texts(".status-code") == ["403"])
    }
}
