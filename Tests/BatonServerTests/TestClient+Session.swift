import BatonCore
import BatonTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// A signed-in browser as the tests see it: the session cookie and the CSRF token the pages carry.
struct BrowserSession {
    let cookie: String
    let csrf: String
}

extension TestClientProtocol {
    /// Signs in through the real login form (CSRF cookie included) and reads the session's CSRF token from a page.
    func signIn(_ email: String, password: String = testPassword) async throws -> BrowserSession? {
        let form = try await loginForm()
        let response = try await postLogin(email: email, password: password, form: form)
        guard response.status == .seeOther, let cookie = response.cookie(named: "baton_session") else { return nil }
        let home = try await execute(uri: "/", method: .get, headers: [.cookie: "baton_session=\(cookie)"])
        guard let csrf = String(buffer: home.body).firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1 else { return nil }
        return BrowserSession(cookie: cookie, csrf: String(csrf))
    }

    /// The login page's CSRF token and cookie.
    func loginForm() async throws -> (csrf: String, cookie: String) {
        let page = try await execute(uri: "/login", method: .get)
        let csrf = String(String(buffer: page.body).firstMatch(of: /name="_csrf" value="([^"]+)"/)!.1)
        return (csrf, page.cookie(named: "baton_form")!)
    }

    func postLogin(email: String, password: String, form: (csrf: String, cookie: String)) async throws -> TestResponse {
        let body = "_csrf=\(form.csrf)&next=%2F&email=\(email.formEncoded)&password=\(password.formEncoded)"
        return try await execute(
            uri: "/login", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "baton_form=\(form.cookie)"],
            body: ByteBuffer(string: body))
    }

    /// A request as a signed-in browser: cookie always, CSRF header on unsafe methods.
    func execute(_ uri: String, _ method: HTTPRequest.Method = .get, as session: BrowserSession?, body: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let session {
            headers[.cookie] = "baton_session=\(session.cookie)"
            if method != .get { headers[.init("X-CSRF-Token")!] = session.csrf }
        }
        if body != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    func execute(_ uri: String, _ method: HTTPRequest.Method = .get, bearer: String, body: String? = nil) async throws -> TestResponse {
        try await execute(
            uri: uri, method: method, headers: [.authorization: "Bearer \(bearer)", .contentType: "application/json"],
            body: body.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    func cookie(named name: String) -> String? {
        headers[values: .setCookie].lazy.compactMap { header -> String? in
            guard header.hasPrefix("\(name)=") else { return nil }
            return String(header.dropFirst(name.count + 1).prefix { $0 != ";" })
        }.first
    }

    var text: String { String(buffer: body) }

    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:] }
}

extension String {
    var formEncoded: String { addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? self }
}
