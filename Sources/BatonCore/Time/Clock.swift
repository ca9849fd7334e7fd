import Foundation

/// The source of "now". The domain never reads the system clock itself; tests pass a clock they move.
public protocol Clock: Sendable {
    func now() -> Date
}

/// The wall clock, for the server and the CLI.
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date() }
}
