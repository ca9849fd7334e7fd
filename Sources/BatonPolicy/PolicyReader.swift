import BatonCore
import Yams

/// Turns the YAML of a policy file into a `Policy`, reporting every structural problem on the way.
///
/// Each `read…` function reads one kind of element; references between elements are checked afterwards by
/// `PolicyValidator`, which finds their positions in the log's source map.
struct PolicyReader {
    let log: ProblemLog

    func read(_ root: Node) -> Policy? {
        guard let top = YAMLMappingReader(root, path: "", subject: "the policy", log: log) else { return nil }
        let policy = Policy(
            organization: top.string("organization") ?? "",
            calendars: top.list("calendars", required: true, readCalendar),
            teams: top.list("teams", required: true, readTeam),
            roles: top.list("roles", required: true, readRole),
            people: top.list("people", required: true, readPerson),
            taxonomy: top.list("taxonomy", readTaxonomyField),
            naming: top.list("naming", readNamingConvention),
            checkLibrary: top.list("check_library", readCheckGroup),
            reviewStages: top.list("review_stages", readReviewStage),
            assetTypes: top.list("asset_types", readAssetType),
            handoffs: top.list("handoffs", required: true, readHandoff),
            projectTemplates: top.list("project_templates", readProjectTemplate),
            leads: top.mapping("leads", subject: "leads", required: false).flatMap(readLeads),
            benchmarks: top.list("benchmarks", readBenchmark),
            reviewPack: top.mapping("review_pack", subject: "review_pack", required: false).flatMap(readReviewPack)
        )
        top.finish()
        return policy
    }

    /// Opens a list element as a mapping named after its id: "team 'design'".
    func element(_ node: Node, _ path: String, kind: String) -> YAMLMappingReader? {
        let id = node.mapping?["id"]?.string
        return YAMLMappingReader(node, path: path, subject: id.map { "\(kind) '\($0)'" } ?? kind, log: log)
    }

    func readTeam(_ node: Node, _ path: String) -> Team? {
        guard let map = element(node, path, kind: "team") else { return nil }
        defer { map.finish() }
        return Team(id: map.string("id") ?? "", name: map.string("name") ?? "", calendar: map.string("calendar") ?? "")
    }

    func readRole(_ node: Node, _ path: String) -> Role? {
        guard let map = element(node, path, kind: "role") else { return nil }
        defer { map.finish() }
        return Role(id: map.string("id") ?? "", name: map.string("name") ?? "", team: map.string("team") ?? "", capacity: map.int("capacity"))
    }

    func readPerson(_ node: Node, _ path: String) -> Person? {
        guard let map = element(node, path, kind: "person") else { return nil }
        defer { map.finish() }
        return Person(
            id: map.string("id") ?? "", name: map.string("name") ?? "", email: map.string("email") ?? "",
            team: map.string("team") ?? "", roles: map.strings("roles"),
            access: map.choice("access", of: AccessRole.self, allowed: AccessRole.allCases, default: .viewer) ?? .viewer,
            manager: map.string("manager", required: false), calendar: map.string("calendar", required: false))
    }

    func readTaxonomyField(_ node: Node, _ path: String) -> TaxonomyField? {
        guard let map = element(node, path, kind: "taxonomy field") else { return nil }
        defer { map.finish() }
        return TaxonomyField(
            id: map.string("id") ?? "", label: map.string("label") ?? "", values: map.strings("values"),
            pattern: map.string("pattern", required: false), example: map.string("example", required: false))
    }

    func readNamingConvention(_ node: Node, _ path: String) -> NamingConvention? {
        guard let map = element(node, path, kind: "naming convention") else { return nil }
        defer { map.finish() }
        return NamingConvention(
            id: map.string("id") ?? "", label: map.string("label") ?? "", pattern: map.string("pattern") ?? "",
            example: map.string("example", required: false))
    }

    /// A diagnostic range: `{ metric: lead_to_mql, min: 10, max: 15, source: … }`, at least one bound, min ≤ max.
    func readBenchmark(_ node: Node, _ path: String) -> Benchmark? {
        guard let map = YAMLMappingReader(node, path: path, subject: "benchmark", log: log) else { return nil }
        defer { map.finish() }
        let metric = map.choice("metric", of: ScorecardMetric.self, allowed: ScorecardMetric.allCases)
        let low = map.double("min"), high = map.double("max")
        let source = map.string("source", required: false)
        guard let metric else { return nil }
        if low == nil && high == nil {
            log.add("benchmark '\(metric.rawValue)' needs 'min', 'max' or both, in \(metric.unit)", at: map.position)
        }
        if let low, let high, low > high {
            log.add("benchmark '\(metric.rawValue)' has 'min' \(low.compactText) above 'max' \(high.compactText)", atPath: map.childPath("min"))
        }
        return Benchmark(metric: metric, min: low, max: high, source: source)
    }

    /// `{ starting: 2026-11-02, every_weeks: 2, time: "09:00", calendar: berlin, slack: ["#revenue-team"] }`.
    func readReviewPack(_ map: YAMLMappingReader) -> ReviewPackSchedule? {
        defer { map.finish() }
        let schedule = ReviewPackSchedule(
            starting: map.string("starting") ?? "", everyWeeks: map.int("every_weeks") ?? 2, time: map.string("time") ?? "",
            calendar: map.string("calendar") ?? "", channels: map.strings("slack"))
        if !schedule.starting.isEmpty, Timestamp.day(schedule.starting) == nil {
            log.add("'starting' in review_pack is '\(schedule.starting)'; expected a date, YYYY-MM-DD", atPath: map.childPath("starting"))
        }
        if !schedule.time.isEmpty, schedule.hourAndMinute == nil {
            log.add("'time' in review_pack is '\(schedule.time)'; expected a time of day, HH:MM", atPath: map.childPath("time"))
        }
        if !(1...8).contains(schedule.everyWeeks) {
            log.add("'every_weeks' in review_pack is \(schedule.everyWeeks); expected 1 to 8", atPath: map.childPath("every_weeks"))
        }
        return schedule
    }

    func readReviewStage(_ node: Node, _ path: String) -> ReviewStage? {
        guard let map = element(node, path, kind: "review stage") else { return nil }
        defer { map.finish() }
        return ReviewStage(
            id: map.string("id") ?? "", name: map.string("name") ?? "", approvers: map.strings("approvers", required: true),
            sla: map.duration("sla") ?? BusinessDuration(0, .hours), checklist: map.strings("checklist"),
            decides: map.choice("decides", of: ReviewRule.self, allowed: ReviewRule.allCases, default: .all) ?? .all,
            primary: map.string("primary", required: false))
    }
}
