import Foundation

/// Calendar arithmetic on DICOM dates (DA, `YYYYMMDD`) and ISO dates (`YYYY-MM-DD`).
public enum StudyDates {
    /// Days from `from` to `to` (calendar days, UTC), or nil when either is not a date.
    public static func days(from: String?, to: String?) -> Int? {
        guard let a = from.flatMap(date), let b = to.flatMap(date) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar.dateComponents([.day], from: a, to: b).day
    }

    /// A date from `YYYYMMDD` or `YYYY-MM-DD`.
    public static func date(_ text: String) -> Date? {
        let digits = text.filter(\.isNumber)
        guard digits.count == 8, let y = Int(digits.prefix(4)), let m = Int(digits.dropFirst(4).prefix(2)),
              let d = Int(digits.suffix(2)), (1...12).contains(m), (1...31).contains(d) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        guard let date = calendar.date(from: DateComponents(year: y, month: m, day: d)),
              calendar.component(.day, from: date) == d else { return nil }
        return date
    }
}
