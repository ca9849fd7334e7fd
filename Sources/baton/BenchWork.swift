import ArgumentParser
import BatonCore
import BatonPolicy
import BatonServer
import BatonStore
import Foundation

/// `baton bench gate`: a gate of 20 binary checks evaluated in process, as submitting or accepting work does (issue 10).
struct BenchGate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gate", abstract: "Time a 20-check gate on a work item, in process.")
    @Option(help: "Evaluations to time.") var evaluations = 200_000
    @Option(help: "The policy file (its check library is used).") var policy = "examples/policy.yaml"

    /// Twenty checks of every kind: 15 written here and the five of the library's `seo-ready` group.
    static let checks: [Check] = [
        Check(.present(field: "draft_link"), label: "Draft linked"), Check(.present(field: "cta"), label: "CTA"),
        Check(.present(field: "objective"), label: "Objective"), Check(.artifact(name: "figma_link"), label: "Figma file"),
        Check(.length(field: "message", min: 10, max: 200), label: "Message length"), Check(.length(field: "cta", min: 3, max: 40), label: "CTA length"),
        Check(.number(field: "word_count", min: 600, max: 2500), label: "Word count"), Check(.number(field: "budget", min: 100, max: nil), label: "Budget"),
        Check(.pattern(field: "campaign_id", regex: "^NW-[0-9]{2}Q[1-4]-[A-Z0-9]{2,12}$"), label: "Campaign ID"),
        Check(.pattern(field: "figma_link", regex: #"^https://(www\.)?figma\.com/"#), label: "Figma link"),
        Check(.oneOf(field: "utm_medium", values: ["cpc", "paid-social", "display"]), label: "Paid medium"),
        Check(.oneOf(field: "funnel_stage", values: ["awareness", "consideration", "decision"]), label: "Funnel stage"),
        Check(.minItems(field: "asset_exports", count: 2), label: "Exports"),
        Check(.checkbox(field: "responsive_specs", signOff: nil), label: "Responsive"),
        Check(.checkbox(field: "component_names", signOff: "design-lead"), label: "Component names signed off"),
        Check(.group(id: "seo-ready"), label: "SEO-ready"),
    ]

    func run() async throws {
        let loaded = try PolicyLoader.load(contentsOf: policy).policy
        let workflow = WorkWorkflow(policy: loaded, policyVersion: nil)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var item = WorkItem(id: 1, assetType: "blog", name: "bench", requester: "maya", status: .inProgress, fields: [
            "draft_link": "https://docs.google.com/d/1", "cta": "Book a demo", "objective": "Readers book a demo", "figma_link": "https://www.figma.com/file/x",
            "message": "One copy of the data, every team's reports.", "word_count": "1200", "budget": "5000", "campaign_id": "NW-27Q1-LAKEHOUSE",
            "utm_medium": "cpc", "funnel_stage": "decision", "asset_exports": "hero.svg\nhero.png", "responsive_specs": "yes",
            "primary_keyword": "lakehouse", "title": "Lakehouse reporting without the copies", "internal_links": "a\nb\nc",
            "meta_description": String(repeating: "x", count: 140), "schema_identified": "yes",
        ], deadline: nil, createdAt: now, policyVersion: nil)
        item.signOffs = [SignOff(field: "component_names", role: "design-lead", person: "lea", at: now)]
        let results = workflow.evaluate(Self.checks, on: item)
        var nanoseconds: [UInt64] = []
        nanoseconds.reserveCapacity(evaluations)
        var passed = 0
        for index in 0..<evaluations {
            if index % 2 == 1 { item.fields["word_count"] = index % 4 == 1 ? "300" : "1200" }  // half the runs fail one check
            let start = DispatchTime.now().uptimeNanoseconds
            let evaluated = workflow.evaluate(Self.checks, on: item)
            nanoseconds.append(DispatchTime.now().uptimeNanoseconds - start)
            if evaluated.allSatisfy(\.passed) { passed += 1 }
        }
        print("gate: \(results.count) checks, \(evaluations) evaluations, \(passed) passing")
        print(Percentiles(nanoseconds).report(unit: "µs", divisor: 1000))
    }
}

/// `baton bench work-data`: a database with thousands of open work items and one item with a long history, for
/// timing the work pages with wrk (`scripts/bench-work.sh`).
struct BenchWorkData: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "work-data", abstract: "Fill a database with N open work items and one with 200 events.")
    @Option(help: "The database to fill (created when missing).") var database: String
    @Option(help: "Open work items to create.") var open = 5_000
    @Option(help: "The policy file.") var policy = "examples/policy.yaml"

    func run() async throws {
        let store = try SQLiteStore(path: database)
        try await AccountAdministration(store: store, bcryptCost: 4).loadPolicy(at: policy)
        let loaded = try PolicyLoader.load(contentsOf: policy).policy
        let workflow = WorkWorkflow(policy: loaded, policyVersion: try await store.policyVersions().first?.id)
        var generator = SeededGenerator(seed: 5)
        let started = Date()
        let now = Date()
        let types = loaded.assetTypes.filter { loaded.projectTemplate(for: $0.id) != nil }
        for index in 0..<open {
            let asset = types[index % types.count]
            let fields = DemoWork.brief(asset, policy: loaded, at: now, using: &generator)
            let created = try await store.createWorkItem(at: now) { id, roster in
                let (item, change) = try workflow.create(WorkRequest(assetType: asset.id, fields: fields), id: id, by: "ines", roster: &roster, at: now)
                return (item, change, workflow.summary(item))
            }
            // Two in five are under way: their first step accepted.
            if index % 5 < 2, let first = created.tasks.first(where: { $0.status == .offered && $0.owner != nil }) {
                _ = try await store.changeWorkItem(id: created.id, at: now) { item, _ in
                    (try workflow.accept(&item, step: first.step, by: first.owner!, at: now), workflow.summary(item))
                }
            }
        }
        let blog = WorkRequest(assetType: "blog", fields: DemoWork.brief(loaded.assetType("blog")!, policy: loaded, at: now, using: &generator))
        let long = try await store.createWorkItem(at: now) { id, roster in
            let (item, change) = try workflow.create(blog, id: id, by: "ines", roster: &roster, at: now)
            return (item, change, workflow.summary(item))
        }
        var events = try await store.workEvents(id: long.id).count
        while events < 200 {
            let note = "Progress note \(events): copy review with the SEO checklist."
            _ = try await store.changeWorkItem(id: long.id, at: now) { item, _ in
                (try workflow.comment(&item, text: note, by: "ines", at: now), workflow.summary(item))
            }
            events += 1
        }
        print("work-data: \(open) open items and item \(long.id) with \(events) events in \(Int(Date().timeIntervalSince(started))) s")
    }
}
