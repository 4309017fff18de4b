/// A number as a person writes it: integral values without a fraction ("120", not "120.0"),
/// others in Swift's shortest round-trip form ("2.5", "0.625").
func numberText(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
        return String(Int(value))
    }
    return String(value)
}
