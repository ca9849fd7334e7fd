extension Double {
    /// "50" for 50.0, "2.5" for 2.5: numbers as people write them in policies and explanations.
    /// Shown to at most two decimals (a score of 104.30000000000001 reads 104.3). Whole numbers beyond 10^15 (and
    /// infinities) keep Double's own text rather than trapping in `Int`.
    public var compactText: String {
        guard isFinite, abs(self) < 1e15 else { return String(self) }
        let cents = (self * 100).rounded() / 100
        return cents == cents.rounded() ? String(Int(cents)) : String(cents)
    }
}
