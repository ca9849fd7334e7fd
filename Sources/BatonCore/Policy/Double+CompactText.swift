extension Double {
    /// "50" for 50.0, "2.5" for 2.5: numbers as people write them in policies and explanations.
    /// Whole numbers beyond 10^15 (and infinities) keep Double's own text rather than trapping in `Int`.
    public var compactText: String { self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self) }
}
