import BatonCore

/// Maps the field names HubSpot and Salesforce use (internal names, API names and export headers) onto the policy's
/// lead field ids, so a webhook, an outbound message or an exported CSV needs no mapping by hand.
enum SourceFieldNames {
    /// The lead field id for a source's name: "firstname", "FirstName" and "First Name" all become `first_name`.
    /// Names it does not know are returned as written, and kept with the lead as extras.
    static func fieldID(for name: String) -> String {
        known[key(name)] ?? name
    }

    /// The value as the lead field holds it: opt-out columns (Salesforce's `HasOptedOutOfEmail`, "Email Opt Out")
    /// are turned round into a consent answer, and HubSpot's marketing contact status into yes or no.
    static func fieldValue(for name: String, _ value: String) -> String {
        switch key(name) {
        case let optOut where optOutNames.contains(optOut):
            CheckEvaluator.isTrue(value) ? "no" : (value.isEmpty ? value : "yes")
        case "marketingcontactstatus":
            switch value.lowercased() {
            case "marketing contact", "marketing": "yes"
            case "non-marketing contact", "non-marketing": "no"
            default: value
            }
        default: value
        }
    }

    /// Headers that say "opted out": their yes is a no to contact.
    static let optOutNames: Set<String> = ["hasoptedoutofemail", "emailoptout", "optedout", "donotemail", "unsubscribed", "emailunsubscribed"]

    /// Lower-case letters and digits only: "Country/Region" → "countryregion".
    static func key(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) }.map(Character.init))
    }

    private static let known: [String: String] = {
        let names: [String: [String]] = [
            "email": ["email", "Email Address", "E-mail"],
            "first_name": ["firstname", "First Name"],
            "last_name": ["lastname", "Last Name"],
            "company": ["company", "Company Name", "Account Name", "name"],
            "company_domain": ["domain", "website", "Website URL", "Company Domain Name", "company_domain"],
            "job_title": ["jobtitle", "Job Title", "Title"],
            "country": ["country", "Country/Region", "Country"],
            "state": ["state", "State/Region", "State/Province"],
            "phone": ["phone", "Phone Number", "Phone"],
            "mobile_phone": ["mobilephone", "Mobile Phone Number", "Mobile Phone", "MobilePhone"],
            "industry": ["industry"],
            "company_size": ["numemployees", "numberofemployees", "Number of Employees", "No. of Employees", "Employees", "company_size"],
            "utm_source": ["utm_source", "Original Source", "hs_analytics_source"],
            "utm_medium": ["utm_medium"],
            "utm_campaign": ["utm_campaign", "Campaign", "hs_analytics_first_url_campaign"],
            "consent_email": ["consent_email", "Marketing contact status", "Email Opt In", "HasOptedOutOfEmail", "Email Opt Out", "Do Not Email", "Unsubscribed"],
            "last_activity": ["last_activity", "Last Activity", "Last Activity Date", "notes_last_updated"],
        ]
        var table: [String: String] = [:]
        for (id, aliases) in names {
            for alias in aliases { table[key(alias)] = id }
        }
        return table
    }()
}
