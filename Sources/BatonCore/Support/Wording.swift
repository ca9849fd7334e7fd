/// Whether a decision puts its reasons in words. Decisions a person reads (a lead's intake, a gate, an example)
/// are `explained`; a backtest replays millions of leads and keeps few of them, so it decides them `silent`ly and
/// judges again, explained, the leads it shows. A silent decision reaches the same status, verdict, points, tier
/// and routing facts; its reasons are empty, its score has no lines, and a lead's problems are only as telling as
/// "there are some" (a failed readiness check is listed even where a missing field already says so).
public enum Wording: Sendable {
    /// Every reason written, as stored with a lead or shown to a person.
    case explained
    /// No reason written: the decision alone.
    case silent

    /// The text, written only when explaining: its interpolation is not even evaluated when silent.
    func say(_ text: @autoclosure () -> String) -> String {
        self == .explained ? text() : ""
    }
}
