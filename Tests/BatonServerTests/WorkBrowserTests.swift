import BatonCore
import BatonServer
import BatonStore
import BatonTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// A blog post from brief to launch in real headless Chromium, each person signing in and using the pages.
@Suite("Work in the browser", .enabled(if: WebDriver.isAvailable, "needs chromium and chromium-driver"), .serialized)
struct WorkBrowserTests {
    static let people = ["maya", "jonas", "kenji", "lea", "omar", "claire", "dev"]

    /// Given the example policy, when a marketer submits a blog brief with a mistake and fixes it, the writer is
    /// blocked by the DoD and fixes it, the designer returns the work once at the DoR and then accepts, the brand
    /// reviewer rejects, approves round 2 with edits that are confirmed, and final approval, scheduling and launch
    /// follow, then every step is on the SLA Timeline with its planned and actual times.
    @Test("a blog post from brief to launch: brief errors, DoD, DoR return, sign-off, review rounds with edits, schedule, launch")
    func blogFromBriefToLaunch() async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        let admin = AccountAdministration(store: store, clock: clock, bcryptCost: 4)
        for person in Self.people { try await admin.setPassword(email: "\(person)@northwind.example", password: testPassword) }
        try await withLiveBrowser(try await buildApplication(configuration, store: store, clock: clock).application) { browser, base in
            try await run(browser, base: base, store: store, clock: clock)
        }
    }

    /// Set BATON_SCREENSHOTS to a folder to keep a PNG of the main work pages.
    let screenshots = ProcessInfo.processInfo.environment["BATON_SCREENSHOTS"]

    private func run(_ browser: WebDriver, base: String, store: SQLiteStore, clock: ManualClock) async throws {
        func screenshot(_ name: String) async throws {
            if let screenshots { try await browser.screenshot(to: "\(screenshots)/\(name).png") }
        }
        func signIn(_ person: String) async throws {
            try await browser.deleteCookies()
            try await browser.open(base + "/login?next=/work/1")
            try await browser.type("\(person)@northwind.example", into: "#email")
            try await browser.type(testPassword, into: "#password")
            try await browser.click("button[type=submit]")
            // The login page's own address ends in next=/work/1: wait for the item page itself.
            try await browser.wait("\(person) signed in") { try await browser.currentURL() == base + "/work/1" }
        }
        /// Clicks and waits for the next page: the old page's body goes stale (its address may not change).
        func submitAndWait(_ selector: String) async throws {
            let before = try await browser.element("body")
            try await browser.click(selector)
            try await browser.wait("the item page after \(selector)") {
                let body = try await browser.element("body")
                let url = try await browser.currentURL()
                return body != before && url.contains("/work/1?")
            }
        }
        func problem() async throws -> String { try await browser.texts("#problem").first ?? "" }
        func done() async throws -> Bool {
            let notices = try await browser.texts(".notice[role=status]")
            let refusal = try await problem()
            return !notices.isEmpty && refusal.isEmpty
        }
        func expectDone(_ what: String) async throws {
            let refusal = try await problem()
            #expect(try await done(), "\(what): \(refusal)")
        }

        // The marketer submits a brief with a mistake, sees it beside its field, fixes it.
        try await browser.deleteCookies()
        try await browser.open(base + "/login?next=/briefs/blog")
        try await browser.type("maya@northwind.example", into: "#email")
        try await browser.type(testPassword, into: "#password")
        try await browser.click("button[type=submit]")
        try await browser.waitForURL(endingWith: "/briefs/blog")
        let brief = blogBrief(now: clock.now())
        for field in ["objective", "message", "cta", "title", "primary_keyword"] { try await browser.type(brief[field]!, into: "#f-\(field)") }
        try await browser.type("lakehouse", into: "#f-campaign_id")
        for (field, value) in [("audience", "data-leader"), ("funnel_stage", "consideration"), ("product_line", "core-analytics"), ("compliance_category", "standard")] {
            try await browser.setValue(value, of: "#f-\(field)")
        }
        try await browser.clickAll("#f-channels option:first-child")
        try await browser.setValue(brief["deadline"]!, of: "#f-deadline")
        try await browser.click("button[value=submit]")
        try await browser.wait("the brief's errors") { try await !browser.texts("#e-campaign_id").isEmpty }
        try await screenshot("brief-errors")
        #expect(try await browser.texts("#e-campaign_id").first?.contains("does not follow the Campaign ID pattern") == true)
        try await browser.setValue("NW-27Q1-LAKEHOUSE", of: "#f-campaign_id")
        try await browser.click("button[value=submit]")
        try await browser.wait("the new item") { try await browser.currentURL().contains("/work/1") }
        let owners = try await browser.texts(".task p strong")
        #expect(owners == ["Maya Chen", "Kenji Watanabe", "Omar Haddad"], "tasks with owners: \(owners)")

        // The writer accepts, is blocked by the Definition of Done, fixes it and hands over.
        try await submitAndWait("#task-copy form[action$='/accept'] button")
        try await submitAndWait("#task-copy form[action$='/submit'] button")
        #expect(try await problem().contains("Submitting is blocked: 3 of 6 exit checks (Definition of Done) fail"))
        #expect(try await problem().contains("At least 3 internal links"))
        try await browser.type("https://northwind.example/a\nhttps://northwind.example/b\nhttps://northwind.example/c", into: "#w-internal_links")
        try await browser.type(String(repeating: "Lakehouse reporting, explained. ", count: 4), into: "#w-meta_description")
        try await browser.setValue("yes", of: "#w-schema_identified")
        try await browser.type("https://docs.google.com/document/d/lakehouse", into: "#w-draft_link")
        try await submitAndWait("form.fields-form:has(#w-internal_links) button[type=submit]")
        try await submitAndWait("#task-copy form[action$='/submit'] button")
        try await expectDone("handed over")

        // The designer returns it once at the Definition of Ready, with a failure mode.
        try await signIn("kenji")
        try await submitAndWait("#task-design form[action$='/accept'] button")
        #expect(try await problem().contains("Accepting is blocked"))
        try await browser.click("#task-design .return-form input[value='missing visual brief']")
        try await browser.type("No stats to chart and no placements.", into: "#return-note-design")
        try await submitAndWait("#task-design .return-form button")
        try await expectDone("returned")

        // The writer adds the visual brief and hands over again; the designer accepts.
        try await signIn("maya")
        for (field, value) in [("stats_to_visualise", "42% faster reports"), ("chart_types", "bar chart"), ("tone_references", "https://www.figma.com/file/tone"),
                               ("placements", "hero\nmid-article"), ("alt_text", "Bar chart of report times")] {
            try await browser.type(value, into: "#w-\(field)")
        }
        try await submitAndWait("form.fields-form:has(#w-stats_to_visualise) button[type=submit]")
        try await submitAndWait("#task-copy form[action$='/submit'] button")
        try await signIn("kenji")
        try await submitAndWait("#task-design form[action$='/accept'] button")
        try await expectDone("accepted")
        for (field, value) in [("figma_link", "https://www.figma.com/file/lakehouse"), ("asset_exports", "hero.svg"), ("font_fallbacks", "Inter, Arial"),
                               ("accessibility_notes", "Contrast 4.5:1; alt text from the brief")] {
            try await browser.type(value, into: "#w-\(field)")
        }
        try await browser.setValue("yes", of: "#w-responsive_specs")
        try await submitAndWait("form.fields-form:has(#w-figma_link) button[type=submit]")
        try await signIn("lea")
        try await submitAndWait("form[action$='/sign-off'] button")
        try await signIn("kenji")
        try await submitAndWait("#task-design form[action$='/submit'] button")
        try await expectDone("design handed over")
        try await signIn("omar")
        try await submitAndWait("#task-web-build form[action$='/accept'] button")
        try await submitAndWait("#task-web-build form[action$='/submit'] button")

        // Reviews: peer and SEO approve; brand rejects, then approves round 2 with edits; edits confirmed; final approval.
        func decide(_ stage: String, _ verdict: String, reason: String? = nil, edits: String? = nil, note: String = "") async throws {
            if verdict != "reject" { try await browser.clickAll("#review-\(stage) input[name='checked[]']") }
            try await browser.click("#review-\(stage) input[value='\(verdict)']")
            if let reason { try await browser.click("#review-\(stage) input[name='reasons[]'][value='\(reason)']") }
            if let edits { try await browser.type(edits, into: "#edits-\(stage)") }
            if !note.isEmpty { try await browser.type(note, into: "#note-\(stage)") }
            try await submitAndWait("#review-\(stage) .decide-form button")
            try await expectDone("\(stage) \(verdict)")
        }
        try await signIn("jonas")
        try await decide("peer", "approve")
        try await decide("seo", "approve")
        try await signIn("claire")
        try await decide("brand", "reject", reason: "wrong format", note: "Use the brand kit's chart colours.")
        try await signIn("maya")
        try await submitAndWait("form[action$='/resubmit'] button")
        try await signIn("claire")
        try await decide("brand", "approve_with_edits", edits: "Swap the hero image for the approved one")
        try await signIn("maya")
        try await submitAndWait("#review-brand form[action$='/confirm-edits'] button")
        try await signIn("dev")
        try await decide("final", "approve")

        // Scheduled and launched; every step on the SLA Timeline with planned and actual times.
        try await signIn("maya")
        try await browser.setValue(String(Timestamp.text(clock.now().addingTimeInterval(20 * 86400)).prefix(10)), of: "#schedule-at")
        try await submitAndWait("form[action$='/schedule'] button")
        try await browser.type("https://northwind.example/blog/lakehouse", into: "#launch-url")
        try await submitAndWait("form[action$='/launch'] button")
        #expect(try await browser.texts(".lead .pill").first == "Launched")
        try await screenshot("work-item-launched")
        for page in ["/work", "/work/board", "/work/items?status=all"] {
            try await browser.open(base + page)
            try await screenshot(page.dropFirst().replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: "?status=all", with: ""))
        }
        try await browser.open(base + "/work/1")
        let rows = try await browser.texts("table.timeline tbody tr")
        for step in ["Write the draft: accepted", "Write the draft: delivered", "Design the visuals: delivered", "Brand review, round 1: reject",
                     "Brand review, round 2: approve with edits", "Final approval, round 1: approve", "Scheduled", "Launched"] {
            #expect(rows.contains { $0.hasPrefix(step) }, "\(step) on the timeline: \(rows)")
        }
        let withBoth = rows.filter { $0.components(separatedBy: " 2027").count >= 3 }
        #expect(withBoth.count >= 8, "rows with planned and actual times: \(withBoth)")
        let item = try #require(try await store.workItem(id: 1))
        #expect(item.status == .launched && item.reworkRounds == 1 && item.tasks[0].returns.count == 1)
    }
}
