import AsyncHTTPClient
import Foundation
import NIOCore

/// A small W3C WebDriver client driving Debian's chromedriver and headless Chromium, for browser tests.
///
/// Only what the tests use: open a page, find elements, type, click, read text, take screenshots.
public final class WebDriver: @unchecked Sendable {
    /// Where chromedriver and chromium live on Debian; the browser tests are skipped when either is missing.
    public static let chromedriverPath = ProcessInfo.processInfo.environment["CHROMEDRIVER"] ?? "/usr/bin/chromedriver"
    public static let chromiumPath = ProcessInfo.processInfo.environment["CHROMIUM"] ?? "/usr/bin/chromium"
    public static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: chromedriverPath) && FileManager.default.isExecutableFile(atPath: chromiumPath)
    }

    /// A failure reported by the driver.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private let driver: Process
    private let base: URL
    private var sessionID = ""

    /// Starts chromedriver on a free port and opens a headless Chromium session of the given window size.
    public init(width: Int = 1280, height: Int = 900) async throws {
        let port = Int.random(in: 20_000..<40_000)
        driver = Process()
        driver.executableURL = URL(fileURLWithPath: Self.chromedriverPath)
        driver.arguments = ["--port=\(port)"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        base = URL(string: "http://127.0.0.1:\(port)")!
        let capabilities: [String: Any] = [
            "capabilities": [
                "alwaysMatch": [
                    "browserName": "chrome",
                    "goog:chromeOptions": [
                        "binary": Self.chromiumPath,
                        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=\(width),\(height)"],
                    ],
                ]
            ]
        ]
        var lastError: (any Error)?
        for _ in 0..<50 {
            do {
                let value = try await command("POST", "/session", capabilities)
                sessionID = (value as? [String: Any])?["sessionId"] as? String ?? ""
                return
            } catch {
                lastError = error
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        await stopDriver()
        throw lastError ?? Failure(description: "chromedriver did not start")
    }

    /// chromedriver's process, which `quit()` must leave gone.
    public var driverIsRunning: Bool { driver.isRunning }

    public func open(_ url: String) async throws { _ = try await session("POST", "/url", ["url": url]) }

    public func currentURL() async throws -> String { try await session("GET", "/url") as? String ?? "" }

    /// The id of the first element matching a CSS selector.
    public func element(_ selector: String) async throws -> String {
        let value = try await session("POST", "/element", ["using": "css selector", "value": selector]) as? [String: Any]
        guard let id = value?.values.first as? String else { throw Failure(description: "no element matches \(selector)") }
        return id
    }

    /// The visible texts of every element matching a CSS selector.
    public func texts(_ selector: String) async throws -> [String] {
        let found = try await session("POST", "/elements", ["using": "css selector", "value": selector]) as? [[String: Any]] ?? []
        var texts: [String] = []
        for element in found {
            guard let id = element.values.first as? String else { continue }
            texts.append(try await session("GET", "/element/\(id)/text") as? String ?? "")
        }
        return texts
    }

    public func type(_ text: String, into selector: String) async throws {
        _ = try await session("POST", "/element/\(try await element(selector))/value", ["text": text])
    }

    public func click(_ selector: String) async throws {
        _ = try await session("POST", "/element/\(try await element(selector))/click", [:])
    }

    /// Clicks every element matching a CSS selector, in document order.
    public func clickAll(_ selector: String) async throws {
        let found = try await session("POST", "/elements", ["using": "css selector", "value": selector]) as? [[String: Any]] ?? []
        for element in found {
            guard let id = element.values.first as? String else { continue }
            _ = try await session("POST", "/element/\(id)/click", [:])
        }
    }

    /// Sets an input's value directly, for inputs whose typing depends on the locale (dates).
    public func setValue(_ value: String, of selector: String) async throws {
        let id = try await element(selector)
        _ = try await session("POST", "/execute/sync", [
            "script": "arguments[0].value = arguments[1];", "args": [["element-6066-11e4-a52e-4f735466cecf": id], value],
        ])
    }

    /// Forgets every cookie: the next page is seen signed out.
    public func deleteCookies() async throws { _ = try await session("DELETE", "/cookie") }

    /// Polls `condition` until it holds, for at most `seconds`; a click does not wait for the page it loads.
    public func wait(_ what: String, seconds: Double = 10, until condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if (try? await condition()) == true { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure(description: "waited \(seconds) s for \(what)")
    }

    /// Waits until the browser is at a URL ending in `suffix`.
    public func waitForURL(endingWith suffix: String) async throws {
        try await wait("the URL to end in \(suffix)") { try await currentURL().hasSuffix(suffix) }
    }

    /// Saves a PNG of the viewport.
    public func screenshot(to path: String) async throws {
        guard let base64 = try await session("GET", "/screenshot") as? String, let data = Data(base64Encoded: base64) else {
            throw Failure(description: "no screenshot")
        }
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// Ends the browser session and stops chromedriver, and waits until it is gone: chromedriver started from the
    /// test runner ignores SIGTERM, so it is asked to shut down and killed if it has not within two seconds.
    public func quit() async {
        _ = try? await command("DELETE", "/session/\(sessionID)", nil)
        await stopDriver()
    }

    private func stopDriver() async {
        _ = try? await command("GET", "/shutdown", nil)
        for _ in 0..<20 where driver.isRunning { try? await Task.sleep(for: .milliseconds(100)) }
        if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
        driver.waitUntilExit()
    }

    private func session(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Any? {
        try await command(method, "/session/\(sessionID)\(path)", body ?? (method == "POST" ? [:] : nil))
    }

    private func command(_ method: String, _ path: String, _ body: [String: Any]?) async throws -> Any? {
        var request = HTTPClientRequest(url: base.absoluteString + path)
        request.method = .init(rawValue: method)
        if let body {
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
            request.headers.add(name: "Content-Type", value: "application/json")
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let data = Data(buffer: try await response.body.collect(upTo: 64 * 1024 * 1024))
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let value = json?["value"]
        if let error = value as? [String: Any], let message = error["message"] as? String, error["error"] != nil {
            throw Failure(description: "\(error["error"]!): \(message)")
        }
        return value
    }
}
