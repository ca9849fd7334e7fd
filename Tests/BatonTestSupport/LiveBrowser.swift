import Hummingbird
import HummingbirdTesting

/// Serves `application` on a free port and runs `body` with a headless Chromium of the given window size and the
/// server's address, quitting the browser (and its chromedriver) whatever happens.
public func withLiveBrowser(
    _ application: some ApplicationProtocol, width: Int = 1280, height: Int = 900, _ body: @escaping @Sendable (WebDriver, String) async throws -> Void
) async throws {
    try await application.test(.live) { client in
        guard let port = client.port else { throw WebDriver.Failure(description: "the live test server has no port") }
        let browser = try await WebDriver(width: width, height: height)
        do {
            try await body(browser, "http://127.0.0.1:\(port)")
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }
}
