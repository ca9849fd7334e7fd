import Foundation

/// One reason a lead cannot go to sales as it is (F5, F6), e.g. `phone: +44207946001 is not a valid number in GB`.
public struct LeadProblem: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}

/// A lead after the boundary checks: fields normalised (E.164 phone, ISO country, lower-case email and domain),
/// every problem found, and the facts routing and scoring read.
public struct ValidatedLead: Sendable, Equatable {
    /// The policy's fields, normalised; fields the policy does not name are kept apart in `extras`. A phone number
    /// is its `PhoneNumber.description`: E.164, then ";ext=" and the extension when one was written
    /// ("+16502530000;ext=123"), so that the extension is not lost.
    public var fields: [String: String]
    public var extras: [String: String]
    public var problems: [LeadProblem]
    /// Whether the person agreed to be contacted; nil when the lead does not say.
    public var consent: Bool?
    public var country: Country?
    /// The company's web domain: given, or taken from a work (not free-mail) email address.
    public var companyDomain: String?
    public var companySize: Double?

    public init(
        fields: [String: String], extras: [String: String] = [:], problems: [LeadProblem] = [], consent: Bool? = nil,
        country: Country? = nil, companyDomain: String? = nil, companySize: Double? = nil
    ) {
        self.fields = fields
        self.extras = extras
        self.problems = problems
        self.consent = consent
        self.country = country
        self.companyDomain = companyDomain
        self.companySize = companySize
    }

    /// What routing and fit criteria test: Baton's facts (source, ISO country, sales region, company size) and
    /// every other field as it was given, as text and, when it reads as one, as a number. A field named `source`
    /// stands for the submission's source.
    public func facts(source: String) -> RoutingFacts {
        var text: [String: String] = [:]
        if fields["source"] == nil { text["source"] = source }
        text["country"] = country?.code
        text["region"] = country?.salesRegion
        return RoutingFacts(text: text, numbers: companySize.map { ["company_size": $0] } ?? [:], fields: fields, companyDomain: companyDomain)
    }
}

/// Checks and normalises a submission against the policy's lead model (F5). It never throws a lead away:
/// every problem is listed so the lead can wait in the remediation queue (F6).
public struct LeadValidator: Sendable {
    public let model: LeadPolicy
    /// How each of the model's fields is normalised, by id: a field not here is not the model's.
    private let kinds: [String: FieldKind]

    /// How a field of the model is normalised, found from its id once rather than for every lead.
    private enum FieldKind {
        case email, phone, country, companyDomain, companySize, consent, url, text

        init(_ id: String) {
            self = switch id {
            case "email": .email
            case "phone", "mobile_phone": .phone
            case "country": .country
            case "company_domain": .companyDomain
            case "company_size": .companySize
            case LeadValidator.consentField: .consent
            case _ where id == "website" || id.hasSuffix("_url"): .url
            default: .text
            }
        }
    }

    public init(model: LeadPolicy) {
        self.model = model
        kinds = Dictionary(model.fields.map { ($0.id, FieldKind($0.id)) }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether `other` validates every submission as this one does: validation reads only the model's fields.
    public func validatesLike(_ other: LeadValidator) -> Bool { model.fields == other.model.fields }

    /// The field id that records consent to be contacted.
    public static let consentField = "consent_email"

    public func validate(_ submission: LeadSubmission) -> ValidatedLead {
        var lead = ValidatedLead(fields: [:], extras: [:], problems: [], consent: nil)
        lead.fields.reserveCapacity(submission.fields.count + 1)
        // The country first: a phone number is read in it.
        if kinds["country"] != nil, let country = submission.fields["country"]?.trimmedWhitespace, !country.isEmpty {
            lead.country = Country(country)
            if lead.country == nil { lead.problems.append(LeadProblem(field: "country", reason: "'\(country)' is not an ISO 3166-1 country")) }
        }
        // Every field the model names, normalised (as given when it cannot be); the others kept apart.
        for (key, value) in submission.fields {
            let text = value.trimmedWhitespace
            guard !text.isEmpty else { continue }
            guard let kind = kinds[key] else {
                lead.extras[key] = text
                continue
            }
            switch normalise(key, kind, text, country: lead.country) {
            case .success(let value): lead.fields[key] = value
            case .failure(let problem):
                lead.fields[key] = text
                lead.problems.append(problem)
            }
        }
        for field in model.fields where field.required && lead.fields[field.id] == nil {
            lead.problems.append(LeadProblem(field: field.id, reason: "required by the policy, missing"))
        }
        if let email = lead.fields["email"], !lead.problems.contains(where: { $0.field == "email" }), lead.fields["company_domain"] == nil {
            let domain = String(email[email.index(after: email.lastIndex(of: "@")!)...])
            if !Self.freeMailDomains.contains(domain) { lead.fields["company_domain"] = domain }
        }
        lead.companyDomain = lead.fields["company_domain"]
        lead.companySize = lead.fields["company_size"].flatMap(Double.init)
        lead.consent = lead.fields[Self.consentField].map(CheckEvaluator.isTrue)
        lead.problems.sort { ($0.field, $0.reason) < ($1.field, $1.reason) }
        return lead
    }

    private func normalise(_ key: String, _ kind: FieldKind, _ text: String, country: Country?) -> Result<String, LeadProblem> {
        func problem(_ reason: String) -> Result<String, LeadProblem> { .failure(LeadProblem(field: key, reason: reason)) }
        switch kind {
        case .email:
            do throws(EmailAddress.Problem) { return .success(try EmailAddress(text).normalized) } catch { return problem(error.description) }
        case .phone:
            do throws(PhoneNumber.Problem) { return .success(try PhoneNumber(text, country: country).description) } catch { return problem(error.description) }
        case .country:
            return .success(country?.code ?? text)
        case .companyDomain:
            guard let domain = Self.domain(of: text) else { return problem("'\(text)' is not a web domain") }
            return .success(domain)
        case .companySize:
            guard let size = Self.employeeCount(text) else { return problem("'\(text)' is not a number of employees") }
            return .success(size.compactText)
        case .consent:
            guard Self.consentAnswers.contains(text.lowercased()) else { return problem("'\(text)' is not a yes or no") }
            return .success(CheckEvaluator.isTrue(text) ? "true" : "false")
        case .url:
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                return problem("'\(text)' is not an http or https URL")
            }
            return .success(text)
        case .text:
            return .success(text)
        }
    }

    /// The answers a consent field may hold.
    static let consentAnswers: Set<String> = [
        "true", "false", "yes", "no", "y", "n", "1", "0", "on", "off", "checked", "unchecked", "opt-in", "opt-out", "opted in", "opted out",
    ]

    /// "https://www.Contoso.com/about" → "contoso.com".
    static func domain(of text: String) -> String? {
        var host = text.lowercased()
        // Letters, digits, dots and hyphens alone are a host already, as a URL would read it: a domain when its dots
        // separate two or more labels, none of them empty.
        let bare = host.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2E || $0 == 0x2D }
        if bare {
            if host.hasPrefix("www.") { host.removeFirst(4) }
            let labels = host.utf8.split(separator: 0x2E, omittingEmptySubsequences: false)
            return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty } ? host : nil
        }
        if let url = URL(string: host.contains("://") ? host : "https://\(host)"), let found = url.host { host = found }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } }) else { return nil }
        return host
    }

    /// "250", "1,200", "51-200" (a CRM range: its lower bound), "10000+".
    static func employeeCount(_ text: String) -> Double? {
        let cleaned = text.utf8.contains { $0 == 0x2C || $0 == 0x2B } ? text.filter { $0 != "," && $0 != "+" } : text
        let first = cleaned.split(whereSeparator: { $0 == "-" || $0 == "–" || $0 == " " }).first.map(String.init) ?? cleaned
        guard let number = Double(first), number >= 0, number.isFinite else { return nil }
        return number
    }

    /// Mail providers whose domain says nothing about the sender's company.
    static let freeMailDomains: Set<String> = [
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.de", "hotmail.com", "hotmail.de", "outlook.com",
        "live.com", "msn.com", "icloud.com", "me.com", "aol.com", "gmx.de", "gmx.net", "web.de", "t-online.de",
        "proton.me", "protonmail.com", "mail.com", "yandex.ru", "qq.com", "163.com", "orange.fr", "free.fr",
    ]
}
