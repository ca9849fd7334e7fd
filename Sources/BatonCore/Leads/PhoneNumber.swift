import Foundation

/// A telephone number in E.164 form ("+4930123456"), normalised from what people type.
public struct PhoneNumber: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// "+" and up to 15 digits.
    public let e164: String

    public var description: String { e164 }

    /// Why a number could not be normalised.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Reads an international number ("+44 20 7946 0018", "0044 …") or, with the lead's country, a national one
    /// ("030 1234567" in DE), and checks its length against the numbering plan of its country.
    public init(_ text: String, country: Country?) throws(Problem) {
        let lowered = text.lowercased()
        let body = (lowered.range(of: "ext").map { String(lowered[..<$0.lowerBound]) } ?? lowered)
            .trimmingCharacters(in: .whitespaces)
        let allowed = Set("0123456789+-. ()/")
        if let bad = body.first(where: { !allowed.contains($0) }) {
            throw Problem(description: "'\(bad)' is not part of a phone number")
        }
        let digits = body.filter(\.isASCII).filter(\.isNumber)
        let international: String
        if body.hasPrefix("+") {
            international = digits
        } else if digits.hasPrefix("00") {
            international = String(digits.dropFirst(2))
        } else {
            guard let country, let plan = CallingCodes.plans[country.code] else {
                throw Problem(description: "a national number needs a known country, or write it with + and the country code")
            }
            var national = Substring(digits)
            if let prefix = plan.trunkPrefix, national.hasPrefix(prefix), national.count > plan.lengths.lowerBound {
                national = national.dropFirst(prefix.count)
            }
            guard plan.lengths.contains(national.count) else {
                throw Problem(description: "\(national.count) digits is not a phone number length in \(country.code)")
            }
            e164 = "+\(plan.callingCode)\(national)"
            return
        }
        guard (7...15).contains(international.count) else {
            throw Problem(description: "an international number has 7 to 15 digits, found \(international.count)")
        }
        guard let plan = CallingCodes.plan(forInternational: international) else {
            throw Problem(description: "+\(international.prefix(3)) is not a country calling code")
        }
        let nationalLength = international.count - String(plan.callingCode).count
        guard plan.lengths.contains(nationalLength) else {
            throw Problem(description: "\(nationalLength) digits after +\(plan.callingCode) is not a phone number length there")
        }
        e164 = "+\(international)"
    }
}

/// The numbering plan facts E.164 normalisation needs about one region.
struct NumberingPlan: Sendable {
    let callingCode: Int
    let trunkPrefix: String?
    let lengths: ClosedRange<Int>
}

extension CallingCodes {
    /// Plans by ISO region code, parsed once from `table`.
    static let plans: [String: NumberingPlan] = {
        var plans: [String: NumberingPlan] = [:]
        for row in table.split(whereSeparator: { $0 == "|" || $0 == "\n" }) {
            let parts = row.split(separator: " ")
            guard parts.count == 5, let code = Int(parts[1]), let shortest = Int(parts[3]), let longest = Int(parts[4]) else { continue }
            plans[String(parts[0])] = NumberingPlan(
                callingCode: code, trunkPrefix: parts[2] == "-" ? nil : String(parts[2]), lengths: shortest...longest)
        }
        return plans
    }()

    /// The widest plan per calling code: regions sharing a code (+1, +7, +44…) are merged.
    static let byCallingCode: [Int: NumberingPlan] = {
        var merged: [Int: NumberingPlan] = [:]
        for plan in plans.values {
            let lengths = merged[plan.callingCode].map {
                min($0.lengths.lowerBound, plan.lengths.lowerBound)...max($0.lengths.upperBound, plan.lengths.upperBound)
            } ?? plan.lengths
            merged[plan.callingCode] = NumberingPlan(callingCode: plan.callingCode, trunkPrefix: nil, lengths: lengths)
        }
        return merged
    }()

    /// Calling codes are prefix-free, so at most one of the first 1–3 digits is a code.
    static func plan(forInternational digits: String) -> NumberingPlan? {
        for length in 1...3 {
            if let code = Int(digits.prefix(length)), let plan = byCallingCode[code] { return plan }
        }
        return nil
    }
}
