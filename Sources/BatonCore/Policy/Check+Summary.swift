extension Check.Kind {
    /// A sentence describing the check, used when the policy gives no label: "title: 30–60 characters".
    public var summary: String {
        switch self {
        case .present(let field): "\(field) present"
        case .length(let field, let min, let max): "\(field): \(Self.range(min, max)) characters"
        case .number(let field, let min, let max):
            "\(field): \(Self.range(min?.compactText, max?.compactText))"
        case .pattern(let field, let regex): "\(field) matches \(regex)"
        case .oneOf(let field, let values): "\(field) is one of \(values.joined(separator: ", "))"
        case .minItems(let field, let count): "at least \(count) \(field)"
        case .checkbox(let field, let signOff): "\(field) ticked" + (signOff.map { ", signed off by \($0)" } ?? "")
        case .artifact(let name): "\(name) attached"
        case .group(let id): "passes \(id)"
        }
    }

    private static func range<T: CustomStringConvertible>(_ min: T?, _ max: T?) -> String {
        switch (min, max) {
        case let (min?, max?): "\(min)–\(max)"
        case let (min?, nil): "at least \(min)"
        case let (nil, max?): "at most \(max)"
        case (nil, nil): "any"
        }
    }
}
