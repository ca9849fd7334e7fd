import BatonCore
import Yams

extension PolicyReader {
    func readCheckGroup(_ node: Node, _ path: String) -> CheckGroup? {
        guard let map = element(node, path, kind: "check group") else { return nil }
        defer { map.finish() }
        return CheckGroup(
            id: map.string("id") ?? "", label: map.string("label") ?? "",
            checks: map.list("checks", required: true, readCheck))
    }

    /// Reads `{check: length, field: title, min: 30, max: 60}` or the shorthand `{use: seo-ready}`.
    func readCheck(_ node: Node, _ path: String) -> Check? {
        guard let map = YAMLMappingReader(node, path: path, subject: "check", log: log) else { return nil }
        defer { map.finish() }
        if let group = map.string("use", required: false) {
            return Check(.group(id: group), label: map.string("label", required: false) ?? "Passes '\(group)'")
        }
        guard let name = map.string("check") else { return nil }
        let field = { map.string("field") ?? "" }
        let kind: Check.Kind
        switch name {
        case "present": kind = .present(field: field())
        case "length": kind = .length(field: field(), min: map.int("min"), max: map.int("max"))
        case "number": kind = .number(field: field(), min: map.double("min"), max: map.double("max"))
        case "pattern": kind = .pattern(field: field(), regex: map.string("regex") ?? "")
        case "one_of": kind = .oneOf(field: field(), values: map.strings("values", required: true))
        case "min_items": kind = .minItems(field: field(), count: map.int("count", required: true) ?? 1)
        case "checkbox": kind = .checkbox(field: field(), signOff: map.string("sign_off", required: false))
        case "artifact": kind = .artifact(name: map.string("name") ?? "")
        default:
            log.add(
                "unknown check kind '\(name)'; expected one of: \(Check.kindNames.filter { $0 != "use" }.joined(separator: ", "))",
                atPath: map.childPath("check"))
            map.acceptAllKeys()
            return nil
        }
        return Check(kind, label: map.string("label", required: false) ?? kind.summary)
    }
}
