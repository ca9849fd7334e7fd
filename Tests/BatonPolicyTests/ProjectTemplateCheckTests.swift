import BatonCore
import BatonTestSupport
import Testing

@testable import BatonPolicy

/// `baton policy check` on project templates (F2): every mistake named with file, line and column.
@Suite("baton policy check: project templates")
struct ProjectTemplateCheckTests {
    func expectProblem(_ mutation: PolicyMutation, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let found: [PolicyProblem]
        do {
            _ = try PolicyLoader.parse(mutation.text, file: "policy.yaml")
            found = []
        } catch { found = error.problems }
        let match = found.first { $0.line == mutation.line && $0.column == mutation.column && $0.message.contains(message) }
        #expect(match?.file == "policy.yaml", "expected '\(message)' at \(mutation.line):\(mutation.column), found:\n\(found.map(\.description).joined(separator: "\n"))", sourceLocation: sourceLocation)
    }

    @Test("the example's templates serve every asset type, each step's role held and each handoff from the step's role")
    func example() throws {
        let policy = try PolicyLoader.load(contentsOf: examplePolicyPath).policy
        #expect(Set(policy.projectTemplates.map(\.assetType)) == Set(policy.assetTypes.map(\.id)))
        #expect(policy.projectTemplate(for: "blog")?.steps.map(\.id) == ["copy", "design", "web-build"])
    }

    @Test("a step done by an unknown role")
    func unknownRole() throws {
        let mutation = PolicyMutation(try examplePolicyText(), replacing: "role: designer, days: 2, after: [copy], handoff: H2", with: "role: desginer, days: 2, after: [copy], handoff: H2", offset: 6)
        expectProblem(mutation, "unknown role 'desginer'")
    }

    @Test("a step handed on at an unknown handoff")
    func unknownHandoff() throws {
        let mutation = PolicyMutation(try examplePolicyText(), replacing: "days: 3, handoff: H1 }", with: "days: 3, handoff: H9 }", offset: 18)
        expectProblem(mutation, "unknown handoff 'H9'; expected one of: H1, H2, H3, H4, H5")
    }

    @Test("a step waiting for an unknown step, and steps waiting for each other")
    func dependencies() throws {
        let unknown = PolicyMutation(try examplePolicyText(), replacing: "after: [copy], handoff: H2", with: "after: [cpy], handoff: H2", offset: 8)
        expectProblem(unknown, "unknown template step 'cpy'; expected one of: copy, web-build")
        let circle = PolicyMutation(
            try examplePolicyText(), replacing: "{ id: copy, name: Write the draft, role: content-writer, days: 3, handoff: H1 }",
            with: "{ id: copy, name: Write the draft, role: content-writer, days: 3, handoff: H1, after: [web-build] }")
        let found: [PolicyProblem]
        do {
            _ = try PolicyLoader.parse(circle.text, file: "policy.yaml")
            found = []
        } catch { found = error.problems }
        #expect(found.contains { $0.message.contains("wait for each other in a circle: copy → web-build → design → copy") })
    }

    @Test("a handoff that goes from another role than the step's")
    func wrongSender() throws {
        let mutation = PolicyMutation(try examplePolicyText(), replacing: "days: 3, handoff: H1 }", with: "days: 3, handoff: H2 }", offset: 18)
        expectProblem(mutation, "template step 'copy' is done by 'content-writer' but handoff 'H2' goes from 'designer'")
    }

    @Test("a template for an unknown asset type, and a review stage decided by a primary reviewer that names none")
    func unknownAssetAndPrimary() throws {
        let asset = PolicyMutation(try examplePolicyText(), replacing: "  - asset_type: webinar\n", with: "  - asset_type: podcast\n", offset: 16)
        expectProblem(asset, "unknown asset type 'podcast'")
        let primary = PolicyMutation(try examplePolicyText(), replacing: "    decides: any\n    sla: 1d", with: "    decides: primary\n    sla: 1d", offset: 13)
        expectProblem(primary, "review stage 'peer' is decided by a primary reviewer but names none")
    }
}
