import BatonCore
import Foundation

/// Percentiles of measured durations.
struct Percentiles {
    let sorted: [UInt64]

    init(_ values: [UInt64]) { sorted = values.sorted() }

    func value(_ percentile: Double) -> UInt64 {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((Double(sorted.count) * percentile / 100).rounded(.up)) - 1
        return sorted[min(sorted.count - 1, max(0, rank))]
    }

    /// "p50 1.2 µs, p90 …, p99 …, p99.9 …, max …" with values divided by `divisor`.
    func report(unit: String, divisor: Double) -> String {
        let points: [(String, Double)] = [("p50", 50), ("p90", 90), ("p99", 99), ("p99.9", 99.9), ("max", 100)]
        return "        " + points.map { name, percentile in
            "\(name) \(String(format: "%.2f", Double(value(percentile)) / divisor)) \(unit)"
        }.joined(separator: ", ")
    }
}

/// The process's resident memory, from /proc (Linux).
enum ResidentMemory {
    static func currentMegabytes() -> Int { field("VmRSS:") }
    static func peakMegabytes() -> Int { field("VmHWM:") }

    private static func field(_ name: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name) }),
              let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kilobytes / 1024
    }
}
