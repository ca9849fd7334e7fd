import BatonServer
import BatonTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// Tests in real headless Chromium against a live server. Skipped (and reported as skipped) when Chromium is absent.
@Suite("In the browser", .enabled(if: WebDriver.isAvailable, "needs chromium and chromium-driver"), .serialized)
struct BrowserTests {
    /// Set BATON_SCREENSHOTS to a folder to keep a PNG of every page visited.
    let screenshots = ProcessInfo.processInfo.environment["BATON_SCREENSHOTS"]

    @Test("a newcomer signs in through the login page and sees the Handoff Map's swimlanes and handoffs")
    func handoffMapAfterLogin() async throws {
        try await withBrowser { browser, base in
            try await browser.open(base + "/policy/map")
            #expect(try await browser.currentURL().contains("/login?next=/policy/map"), "a signed-out visitor is sent to the login page")
            try await browser.type("viewer@nowhere.example", into: "#email")
            try await browser.type("wrong-password-123", into: "#password")
            try await browser.click("button[type=submit]")
            try await browser.wait("the sign-in error") { try await !browser.texts(".alert").isEmpty }
            #expect(try await browser.texts(".alert").first?.contains("do not match") == true)
            try await browser.type("grace@northwind.example", into: "#email")
            try await browser.type(testPassword, into: "#password")
            try await browser.click("button[type=submit]")
            try await browser.waitForURL(endingWith: "/policy/map")  // sign-in returns to the page asked for
            let lanes = try await browser.texts(".lane-label")
            #expect(lanes == ["Content", "Design", "Web", "Lifecycle", "Paid", "Marketing Ops", "Analytics", "Sales"])
            let labels = try await browser.texts(".badge-label")
            #expect(labels == ["H1", "H2", "H3", "H4", "H5", "H6"])
            #expect(try await browser.texts("h1") == ["Handoff map"])
            if let screenshots {
                for page in ["/", "/policy/map", "/policy/criteria", "/policy/approvals", "/policy/automation", "/briefs", "/briefs/landing-page"] {
                    try await browser.open(base + page)
                    let name = page == "/" ? "home" : page.dropFirst().replacingOccurrences(of: "/", with: "-")
                    try await browser.screenshot(to: "\(screenshots)/\(name).png")
                }
            }
        }
    }

    @Test("on a phone's width the navigation folds behind a menu button")
    func phoneWidth() async throws {
        try await withBrowser(width: 390, height: 844) { browser, base in
            try await browser.open(base + "/login")
            try await browser.type("sam@northwind.example", into: "#email")
            try await browser.type(testPassword, into: "#password")
            try await browser.click("button[type=submit]")
            try await browser.waitForURL(endingWith: "/")
            try await browser.open(base + "/policy/approvals")
            #expect(try await browser.texts("#nav a").allSatisfy(\.isEmpty), "navigation hidden until the menu opens")
            try await browser.click(".menu-toggle")
            try await browser.wait("the menu to open") { try await browser.texts("#nav a").contains("Approval matrix") }
            if let screenshots { try await browser.screenshot(to: "\(screenshots)/phone-approvals.png") }
        }
    }

    @Test("a rep works a lead from the queue to a disposition: first touch, accept, disposition, each on the SLA Timeline")
    func repWorksLead() async throws {
        try await withBrowser(seedLead: true) { browser, base in
            try await browser.open(base + "/login?next=/leads")
            try await browser.type("ana@northwind.example", into: "#email")
            try await browser.type(testPassword, into: "#password")
            try await browser.click("button[type=submit]")
            try await browser.waitForURL(endingWith: "/leads")
            #expect(try await browser.texts("table.queue tbody th a") == ["Maren Weber"])
            try await browser.wait("the countdown to run") { try await browser.texts("table.queue .countdown").first?.hasSuffix("left") == true }
            if let screenshots { try await browser.screenshot(to: "\(screenshots)/leads.png") }

            try await browser.click("table.queue tbody th a")
            try await browser.waitForURL(endingWith: "/leads/1")
            #expect(try await browser.texts("h1") == ["Maren Weber"])
            let steps = try await browser.texts("table.timeline tbody th")
            #expect(steps.contains("Assigned to Ana Souza") && steps.contains("First touch due") && steps.last == "Escalation level 3", "\(steps)")
            #expect(try await browser.texts("table.score th").contains { $0.hasPrefix("Demo request") })

            try await browser.click("#channel option[value=call]")
            try await browser.click("form[action$='/first-touch'] button")
            try await browser.wait("the first touch") { try await browser.texts(".notice").first?.hasPrefix("First touch recorded") == true }
            #expect(try await browser.texts("table.timeline tr.step-on_time th") == ["First touch by call"])
            try await browser.click("form[action$='/accept'] button")
            try await browser.wait("the acceptance") { try await browser.texts(".notice").first == "Lead accepted." }
            try await browser.click("#disposition option[value=converted]")
            try await browser.click("form[action$='/disposition'] button")
            try await browser.wait("the disposition") { try await browser.texts(".notice").first?.hasPrefix("Disposition recorded") == true }
            #expect(try await browser.texts(".lead .pill").first == "Closed")
            #expect(try await browser.texts("table.timeline tbody th").suffix(3) == ["First touch by call", "Accepted by sales", "Disposition: converted"])
            #expect(try await browser.texts("form.action button") == ["Change disposition"], "a closed lead offers only a disposition change")
            #expect(try await browser.texts("table.queue .countdown, .deadline").isEmpty, "and no countdown")
            if let screenshots { try await browser.screenshot(to: "\(screenshots)/lead.png") }
        }
    }

    @Test("a manager finds a lead by email among thousands, pages through the list and bulk-reassigns")
    func listsAtVolume() async throws {
        try await withBrowser(leads: 2_500) { browser, base in
            try await browser.open(base + "/login?next=/leads")
            try await browser.type("sam@northwind.example", into: "#email")
            try await browser.type(testPassword, into: "#password")
            try await browser.click("button[type=submit]")
            try await browser.waitForURL(endingWith: "/leads")
            let summary = try await browser.texts(".count").first ?? ""
            #expect(summary.hasPrefix("Showing 1–50 of "), "\(summary)")
            try await browser.click("a[rel=next]")
            try await browser.wait("the second page") { try await browser.texts(".count").first?.hasPrefix("Showing 51–100") == true }
            #expect(try await browser.texts(".pages span").first?.hasPrefix("Page 2 of ") == true)

            try await browser.type("person1234@firm70.example", into: "#q")
            try await browser.click(".filters button[type=submit]")
            try await browser.wait("the search") { try await browser.texts(".count").first == "Showing 1–1 of 1 lead." }
            #expect(try await browser.texts("table.queue tbody th a") == ["Person Number1234"])
            if let screenshots { try await browser.screenshot(to: "\(screenshots)/lead-search.png") }

            try await browser.open(base + "/leads?owner=ana&sort=received")
            let before = try await browser.texts("table.queue tbody th a")
            try await browser.click("table.queue tbody tr:nth-child(1) input[type=checkbox]")
            try await browser.click("table.queue tbody tr:nth-child(2) input[type=checkbox]")
            try await browser.click("#bulk-to option[value=lukas]")
            try await browser.click("#bulk button[type=submit]")
            try await browser.wait("the reassignment") { try await browser.texts(".notice").first == "2 leads reassigned to Lukas Novak." }
            #expect(try await browser.texts("table.queue tbody th a").first != before.first, "the moved leads left Ana's list")
            if let screenshots { try await browser.screenshot(to: "\(screenshots)/leads.png") }
        }
    }

    @Test("quitting the browser leaves no chromedriver running")
    func cleanUp() async throws {
        let browser = try await WebDriver()
        await browser.quit()
        #expect(!browser.driverIsRunning)
    }

    /// Runs `body` with a live server on the example policy (every example login has the test password) and a
    /// headless browser of the given window size; `base` is the server's address. `seedLead` admits Ana's lead 1,
    /// `leads` that many more (see `admitMany`).
    func withBrowser(
        width: Int = 1280, height: Int = 900, seedLead seeding: Bool = false, leads: Int = 0, _ body: @escaping @Sendable (WebDriver, String) async throws -> Void
    ) async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        if seeding { try await seedLead(store, clock: clock) }
        if leads > 0 { try await admitMany(leads, into: store, clock: clock) }
        try await withLiveBrowser(try await buildApplication(configuration, store: store, clock: clock).application, width: width, height: height, body)
    }
}
