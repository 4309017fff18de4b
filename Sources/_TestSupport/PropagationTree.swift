import Foundation

/// A timing tree for Benchmarks/propagation/compare.sh: `pairs` patients, each the first two scans of
/// ``ExamplePatientD``'s phantom (own frames of reference, known motion), with the lesions outlined in
/// a SEG at both scans (`carried` false: nothing to propagate) or at the first only (`carried` true:
/// every follow-up lesion needs a computed registration and is carried).
public enum PropagationTree {
    public static func write(to root: String, pairs: Int, carried: Bool) throws {
        try? FileManager.default.removeItem(atPath: root)
        let phantom = ExamplePatientD.phantom
        for n in 0..<pairs {
            let pid = String(format: "PROP%03d", n + 1)
            for t in 0..<2 {
                var ct = phantom.series(timePoint: t, patientID: pid, uidRoot: "2.25.7043.\(n + 1)")
                ct.patientName = "BENCH^\(pid)"
                let folder = (root as NSString).appendingPathComponent("\(pid)/\(ExamplePatientD.dates[t])")
                try ct.write(to: folder + "/CT")
                if t == 0 || !carried {
                    try ExamplePatientD.writeSEG(phantom, timePoint: t, ct: ct, seriesUID: "2.25.7043.\(n + 1).\(t + 1).300",
                                                 to: folder + "/SEG/IM0001")
                }
            }
        }
    }
}
