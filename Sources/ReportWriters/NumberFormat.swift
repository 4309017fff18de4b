import Foundation

/// Number text for the pictures and report.html: `.` as decimal separator, no grouping, whatever the
/// locale, so a picture reads the same on every machine.
enum NumberFormat {
    /// An integer-valued number without a fraction ("2000"), otherwise one decimal ("0.5").
    static func plain(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(format: "%.1f", x)
    }

    /// One decimal ("112.4"); an en dash for nil or non-finite values.
    static func oneDecimal(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        return String(format: "%.1f", x)
    }

    /// Two decimals ("2.14"), e.g. volumes in mL; an en dash for nil or non-finite values.
    static func twoDecimals(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        return String(format: "%.2f", x)
    }

    /// One decimal with an explicit sign ("+156.5", "-3.0"); an en dash for nil or non-finite values.
    static func signed(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        return String(format: "%+.1f", x)
    }
}
