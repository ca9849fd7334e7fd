/// Template models without blanks: swift-mustache treats an empty string, and an optional boxed in `Any`, as
/// present, so `{{#note}}…{{/note}}` would render for a missing note. Dropping them lets sections mean "has a value".
enum TemplateModel {
    static func clean(_ model: [String: Any]) -> [String: Any] {
        model.compactMapValues(clean)
    }

    private static func clean(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return nil }
            return clean(wrapped)
        }
        switch value {
        case let text as String: return text.isEmpty ? nil : text
        case let dictionary as [String: Any]: return clean(dictionary)
        case let list as [[String: Any]]: return list.map(clean)
        default: return value
        }
    }
}
