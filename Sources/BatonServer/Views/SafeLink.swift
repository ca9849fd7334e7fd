import Foundation

/// Which untrusted addresses may become links: only absolute `http` and `https` URLs with a host. Anything else
/// (`javascript:`, `data:`, relative paths) is shown as text.
enum SafeLink {
    static func href(_ text: String?) -> String? {
        guard let text, let url = URL(string: text.trimmingCharacters(in: .whitespaces)), let scheme = url.scheme?.lowercased(),
              ["http", "https"].contains(scheme), url.host?.isEmpty == false else { return nil }
        return url.absoluteString
    }
}
