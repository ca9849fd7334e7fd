import Foundation

/// The `Resources` folder shipped with this module: templates, assets and the OpenAPI document.
enum ResourceFolder {
    static let url: URL = Bundle.module.url(forResource: "Resources", withExtension: nil) ?? Bundle.module.bundleURL

    static func path(_ relativePath: String) -> String { url.appendingPathComponent(relativePath).path }
}
