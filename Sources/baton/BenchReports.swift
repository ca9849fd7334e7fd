import ArgumentParser
import BatonCore
import BatonPolicy
import BatonServer
import Foundation

/// `baton bench report-data`: a database holding two years of a large sales team's lead history — a million leads
/// and about ten million events by default — and the demo's marketing work, for timing the reports with the
/// commands people run (`scripts/bench-reports.sh`, issue 12).
struct BenchReportData: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report-data", abstract: "Fill an empty database with a large team's lead history, for the report benchmarks.",
        discussion: "Writes the team's policy (the example's, with more reps) and a backtest candidate to --out.")
    @Option(help: "Leads to generate.") var leads = 1_000_000
    @Option(help: "Weeks of history, ending now.") var weeks = 104
    @Option(help: "Sales reps in the two pools (half each); at least 4.") var reps = 50
    @Option(help: "Companies the leads come from.") var companies = 200_000
    @Option(help: "The example policy the team's grows from.") var policy = "examples/policy.yaml"
    @Option(help: "Folder for the team's policy.yaml and the backtest's candidate.yaml.") var out = "/tmp/baton-bench-reports"
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard reps >= 4, reps % 2 == 0 else { throw ValidationError("--reps \(reps): expected an even number, at least 4") }
        guard leads >= 1, weeks >= 1 else { throw ValidationError("--leads and --weeks: expected at least 1") }
    }

    func run() async throws {
        let team = try BenchReportPolicy.team(from: String(contentsOfFile: policy, encoding: .utf8), reps: reps)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try team.write(toFile: out + "/policy.yaml", atomically: true, encoding: .utf8)
        try BenchReportPolicy.candidate(from: team).write(toFile: out + "/candidate.yaml", atomically: true, encoding: .utf8)
        let store = try await database.open()
        try await AccountAdministration(store: store, bcryptCost: 4).loadPolicy(at: out + "/policy.yaml")
        let loaded = try PolicyLoader.load(contentsOf: out + "/policy.yaml").policy
        let now = Date()
        let started = Date()
        let admitted = try await DemoData.generateLeadsInBulk(store: store, policy: loaded, now: now, leads: leads, days: weeks * 7, companies: companies)
        let leadSeconds = Date().timeIntervalSince(started)
        let items = try await DemoData.generateWork(store: store, policy: loaded, now: now)
        print("report-data: \(admitted) leads over \(weeks) weeks in \(Int(leadSeconds)) s, \(items) work items; policy and candidate in \(out)")
        print("             peak memory \(ResidentMemory.peakMegabytes()) MB")
    }
}

/// The bench team's policy: the example's, with `reps` sales reps shared between its two pools, and a candidate
/// that asks more of a sales-ready lead.
enum BenchReportPolicy {
    static func team(from example: String, reps: Int) throws -> String {
        let extra = (1...(reps - 4)).map { index in
            (id: String(format: "rep%02d", index), newYork: index % 2 == 0)
        }
        let people = extra.map { rep in
            "  - { id: \(rep.id), name: Rep \(rep.id.dropFirst(3)), email: \(rep.id)@northwind.example, team: sales, roles: [sdr], access: sales_rep, manager: sam\(rep.newYork ? ", calendar: new-york" : "") }"
        }
        return try replacing([
            ("access: sales_rep, manager: sam, calendar: new-york }\n", "access: sales_rep, manager: sam, calendar: new-york }\n" + people.joined(separator: "\n") + "\n"),
            ("members: [{ person: ana, weight: 2 }, lukas]", "members: [{ person: ana, weight: 2 }, lukas, \(extra.filter { !$0.newYork }.map(\.id).joined(separator: ", "))]"),
            ("members: [jordan, priya]", "members: [jordan, priya, \(extra.filter(\.newYork).map(\.id).joined(separator: ", "))]"),
        ], in: example)
    }

    static func candidate(from team: String) throws -> String {
        try replacing([("    sales_ready: 60\n", "    sales_ready: 70\n")], in: team)
    }

    /// `text` with each part replaced once; refused when the example no longer has a part.
    private static func replacing(_ parts: [(String, String)], in text: String) throws -> String {
        try parts.reduce(text) { text, part in
            guard let range = text.range(of: part.0) else {
                throw ValidationError("the example policy no longer contains \(part.0.debugDescription); update BenchReportPolicy")
            }
            return text.replacingCharacters(in: range, with: part.1)
        }
    }
}
