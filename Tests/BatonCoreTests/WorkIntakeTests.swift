import BatonCore
import BatonPolicy
import BatonTestSupport
import Foundation
import Testing

@Suite("Work intake: briefs, names, UTM tags, plans")
struct WorkIntakeTests {
    static let policy = try! PolicyLoader.load(contentsOf: examplePolicyPath).policy
    static let now = Date(timeIntervalSince1970: 1_800_000_000)  // Fri 15 Jan 2027, 09:00 in Berlin
    let workflow = WorkWorkflow(policy: Self.policy, policyVersion: 1)

    @Test("a complete blog brief has no problems")
    func completeBrief() {
        #expect(workflow.problems(WorkRequest(assetType: "blog", fields: blogBrief(now: Self.now))) == [])
    }

    @Test("every mistake is listed by field: required, closed list with the allowed values, pattern with an example, type, unknown field")
    func mistakes() {
        var fields = blogBrief(now: Self.now)
        fields["objective"] = nil
        fields["audience"] = "students"
        fields["campaign_id"] = "lakehouse"
        fields["word_count"] = "many"
        fields["deadline"] = "2027-02-30"
        fields["colour"] = "blue"
        let problems = workflow.problems(WorkRequest(assetType: "blog", fields: fields))
        let byField = Dictionary(problems.map { ($0.field, $0.message) }) { first, _ in first }
        #expect(byField["objective"] == "is required")
        #expect(byField["audience"]?.contains("expected one of: data-leader, analytics-engineer, revops-manager, finance-leader") == true)
        #expect(byField["campaign_id"]?.contains("e.g. NW-27Q1-LAKEHOUSE") == true)
        #expect(byField["word_count"] == "'many' is not a number")
        #expect(byField["deadline"]?.contains("YYYY-MM-DD") == true)
        #expect(byField["colour"]?.contains("is not a field of the blog post brief") == true)
        #expect(problems.count == 6)
    }

    @Test("a draft may miss required fields but not break the rules of the ones it has")
    func draft() {
        let problems = workflow.problems(WorkRequest(assetType: "blog", fields: ["audience": "students"], draft: true))
        #expect(problems.map(\.field) == ["audience"])
    }

    @Test("the name follows the convention; a hand-written name that breaks it gets the pattern and an example")
    func naming() throws {
        var roster = WorkRoster()
        let (item, _) = try workflow.create(WorkRequest(assetType: "blog", fields: blogBrief(now: Self.now)), id: 1, by: "maya", roster: &roster, at: Self.now)
        #expect(item.name == "NW-27Q1-LAKEHOUSE_organic-search_blog_v1_2027-02-14")
        let name = try #require(AssetName(policy: Self.policy))
        #expect(name.problem(with: item.name) == nil)
        let problem = try #require(name.problem(with: "lakehouse post final FINAL"))
        #expect(problem.contains("{campaign_id}_{channel}_{asset}_v{version}_{date}"))
        #expect(problem.contains("e.g. NW-27Q1-LAKEHOUSE_paid-social_carousel-a_v3_2027-01-12"))
        let request = WorkRequest(assetType: "blog", fields: blogBrief(now: Self.now), name: "lakehouse post final")
        #expect(workflow.problems(request).map(\.field) == ["name"])
    }

    @Test("UTM tags come from the taxonomy, lowercase without spaces, with the tagged URL ready to copy")
    func utm() {
        var fields = blogBrief(now: Self.now)
        fields["destination_url"] = "https://northwind.example/blog/lakehouse"
        let tags = UTMTags(item: fields, name: "NW-27Q1-LAKEHOUSE_organic-search_blog_v1_2027-02-14", policy: Self.policy)
        #expect(tags.parameters.map(\.key) == ["utm_source", "utm_medium", "utm_campaign", "utm_content"])
        #expect(tags.taggedURL == "https://northwind.example/blog/lakehouse?utm_source=organic-search&utm_medium=organic-search&utm_campaign=nw-27q1-lakehouse&utm_content=nw-27q1-lakehouse_organic-search_blog_v1_2027-02-14")
        #expect(tags.problems.isEmpty, "values are written lowercase with hyphens: nothing to fix")
        fields["campaign_id"] = "NW/27 Q1?"
        #expect(UTMTags(item: fields, name: "", policy: Self.policy).problems.contains { $0.contains("utm_campaign 'nw/27-q1?' has characters analytics tools split or drop") })
        fields["utm_medium"] = "Paid Social"
        let wrong = UTMTags(item: fields, name: "", policy: Self.policy)
        #expect(wrong.problems.contains { $0.contains("utm_medium 'Paid Social' is not allowed; expected one of: cpc") })
    }

    @Test("creating an item plans its tasks with owners by round-robin and dates back from the deadline")
    func plan() throws {
        var roster = WorkRoster()
        let (item, change) = try workflow.create(WorkRequest(assetType: "blog", fields: blogBrief(now: Self.now)), id: 1, by: "maya", roster: &roster, at: Self.now)
        #expect(item.tasks.map(\.step) == ["copy", "design", "web-build"])
        #expect(item.tasks.allSatisfy { $0.owner != nil })
        #expect(item.tasks[0].assignedBecause.contains("round-robin among the content writers (Maya Chen, Jonas Weber)"))
        #expect(item.plan.feasible)
        #expect(item.plan.note.hasPrefix("planned back from the deadline"))
        #expect(item.tasks[0].status == .offered)
        #expect(item.tasks[0].responseDue != nil)
        #expect(item.status == .requested)
        let due = try #require(item.tasks.last?.plannedDue)
        #expect(due <= item.deadline!)
        #expect(change.events.map(\.type).contains("work.requested"))
        #expect(change.events.filter { $0.type == "work.task_assigned" }.count == 3)
        // Peer review is by a writer who did not write it.
        let writer = item.tasks[0].owner!
        #expect(!item.reviews[0].reviewers.contains(writer))
    }

    @Test("a deadline that cannot be met is said at intake, with the critical path")
    func infeasible() throws {
        var roster = WorkRoster()
        let (item, _) = try workflow.create(WorkRequest(assetType: "blog", fields: blogBrief(now: Self.now, daysAhead: 3)), id: 1, by: "maya", roster: &roster, at: Self.now)
        #expect(!item.plan.feasible)
        #expect(item.plan.note.contains("the deadline cannot be met"))
        #expect(item.plan.criticalPath == ["Write the draft", "Design the visuals", "Build the post in the CMS"])
    }

    @Test("absent people and people at capacity are passed over, with the reason stored")
    func capacity() throws {
        var roster = WorkRoster(absent: ["maya"], openTasks: ["jonas": 6])
        let (item, _) = try workflow.create(WorkRequest(assetType: "blog", fields: blogBrief(now: Self.now)), id: 1, by: "ines", roster: &roster, at: Self.now)
        #expect(item.tasks[0].owner == nil)
        #expect(item.tasks[0].assignedBecause.contains("Maya Chen (absent)"))
        #expect(item.tasks[0].assignedBecause.contains("Jonas Weber (at capacity (6 of 6 open tasks))"))
    }
}

@Suite("Role templates")
struct RoleTemplateTests {
    @Test("the ad copy matrix has a line per angle × persona × offer, and reads back what was written")
    func adCopyMatrix() {
        let matrix = AdCopyMatrix(brief: ["message": "Faster reports\nOne copy of the data", "audience": "data-leader\nrevops-manager", "cta": "Book a demo"])
        #expect(matrix.cells.count == 4)
        #expect(matrix.skeleton.hasPrefix("Faster reports × data-leader × Book a demo: \n"))
        let written = AdCopyMatrix.parse("Faster reports × data-leader × Book a demo: Reports in minutes, not days\nnot a cell")
        #expect(written == [AdCopyMatrix.Cell(angle: "Faster reports", persona: "data-leader", offer: "Book a demo", copy: "Reports in minutes, not days")])
    }
}

extension RoleTemplateTests {
    @Test("saving the matrix keeps only the lines with copy")
    func matrixSaved() throws {
        let workflow = WorkWorkflow(policy: WorkIntakeTests.policy, policyVersion: 1)
        var roster = WorkRoster()
        let fields = [
            "campaign_id": "NW-27Q1-LAKEHOUSE", "objective": "Demos", "audience": "data-leader", "message": "Faster reports\nOne copy",
            "cta": "Book a demo", "channels": "linkedin", "specs": "1200x628", "budget": "5000", "utm_medium": "paid-social",
            "compliance_category": "standard", "deadline": blogBrief(now: WorkIntakeTests.now)["deadline"]!,
        ]
        var (item, _) = try workflow.create(WorkRequest(assetType: "ad-set", fields: fields), id: 1, by: "dev", roster: &roster, at: WorkIntakeTests.now)
        let skeleton = AdCopyMatrix(brief: item.fields).skeleton
        _ = try workflow.updateFields(&item, ["ad_copy_matrix": skeleton], by: "dev", at: WorkIntakeTests.now)
        #expect(item.fields["ad_copy_matrix"] == nil, "an unwritten matrix is empty")
        _ = try workflow.updateFields(&item, ["ad_copy_matrix": skeleton.replacingOccurrences(of: "Faster reports × data-leader × Book a demo: ", with: "Faster reports × data-leader × Book a demo: Minutes, not days")], by: "dev", at: WorkIntakeTests.now)
        #expect(item.fields["ad_copy_matrix"] == "Faster reports × data-leader × Book a demo: Minutes, not days")
    }
}
