import DICOMImport
import Foundation
import ResultsModel

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

/// When a time point was acquired, for ordering a patient's studies (DESIGN.md, Longitudinal
/// correspondence): StudyDate + StudyTime; when StudyDate is empty or not a date, the first of
/// SeriesDate, AcquisitionDate, ContentDate that is a date (with its time), and the attribute
/// that gave it is named (`study_date_fallback`).
public struct TimePointDate: Sendable, Equatable, Comparable {
    /// The date as written (YYYYMMDD).
    public var date: String
    /// The time as written (HHMMSS.FFFFFF), or "" when absent.
    public var time: String
    /// The attribute the date came from when StudyDate was empty ("SeriesDate", …); nil for StudyDate.
    public var fallbackAttribute: String?

    /// The placing date of a plane's header, or nil when none of the four dates is a date.
    public init?(_ h: PlaneHeader) {
        let options: [(String, String?, String?)] = [
            ("StudyDate", h.studyDate, h.studyTime), ("SeriesDate", h.seriesDate, h.seriesTime),
            ("AcquisitionDate", h.acquisitionDate, h.acquisitionTime), ("ContentDate", h.contentDate, h.contentTime),
        ]
        guard let (name, date, time) = options.first(where: { $0.1.flatMap(StudyDates.date) != nil }), let date else { return nil }
        self.date = date.filter(\.isNumber)
        self.time = time ?? ""
        fallbackAttribute = name == "StudyDate" ? nil : name
    }

    /// ISO `YYYY-MM-DD`.
    public var iso: String { Inspection.isoDate(date) ?? date }

    /// Times compare by their digits (HHMMSS), so "0930" < "093015" < "1000".
    public static func < (a: Self, b: Self) -> Bool {
        (a.date, a.time.filter(\.isNumber)) < (b.date, b.time.filter(\.isNumber))
    }

    /// `study_date_fallback: …` naming the study, its role and the attribute used.
    public func warning(studyInstanceUID: String?, role: String) -> String? {
        guard let fallbackAttribute else { return nil }
        return "study_date_fallback: study \(studyInstanceUID ?? "?") (\(role)) has no StudyDate, so it is placed by its \(fallbackAttribute) \(iso)"
    }

    /// Why a study without any date cannot be placed.
    public static func missingMessage(studyInstanceUID: String?, folder: String) -> String {
        "study \(studyInstanceUID ?? "?") (\(folder)) has no StudyDate (0008,0020), nor SeriesDate, AcquisitionDate or ContentDate: it cannot be placed in time, so its pairs are refused"
    }
}
