extension Double {
    /// "50" for 50.0, "2.5" for 2.5: numbers as people write them in policies and explanations.
    public var compactText: String { self == rounded() ? String(Int(self)) : String(self) }
}
