/// Whether a decision puts its reasons in words. Decisions a person reads (a lead's intake, a gate, an example)
/// are `explained`; a backtest replays millions of leads and keeps few of them, so it decides them `silent`ly and
/// judges again, explained, the leads it shows. Silent reasons are empty; everything else about the decision is
/// the same.
public enum Wording: Sendable {
    case explained, silent

    /// The text, written only when explaining: its interpolation is not even evaluated when silent.
    func say(_ text: @autoclosure () -> String) -> String {
        self == .explained ? text() : ""
    }
}
