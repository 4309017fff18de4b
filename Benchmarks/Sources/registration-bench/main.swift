// registration-bench: one lesion box registered by LesionDensity (ITK through CITKBridge) and by
// Debian's elastix (rigid EulerTransform, the same boxes, metric and resolution levels), on the
// synthetic trunk with known motion; accuracy and time side by side in one run, ratios printed.
//   swift run -c release --package-path Benchmarks registration-bench [--repeats N]
// Needs `elastix` and `transformix` on PATH (Debian package elastix); without them only our figures print.
import Foundation
import Registration
import SyntheticPhantoms
import VolumeModel

let arguments = CommandLine.arguments
let repeats = arguments.firstIndex(of: "--repeats").flatMap { Int(arguments[$0 + 1]) } ?? 3
let phantom = TrunkPhantom.standard
var options = RegistrationOptions()
if let s = arguments.firstIndex(of: "--sampling").flatMap({ Double(arguments[$0 + 1]) }) { options.samplingFraction = s }

/// Median of the values.
func median(_ v: [Double]) -> Double { let s = v.sorted(); return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2 }

/// Seconds taken by `body`.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try body()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

/// Error of an estimated followupFromBaseline at the baseline lesion centre `c` (mm) and of its
/// rotation (degrees), against the design.
func errors(_ followupFromBaseline: RigidTransform, truth: RigidTransform, at c: PatientPoint) -> (mm: Double, degrees: Double) {
    ((followupFromBaseline.apply(c) - truth.apply(c)).length, followupFromBaseline.after(truth.inverse).rotationAngleDegrees)
}

struct Case { let lesion: Int, followup: Int }
let cases = [Case(lesion: 0, followup: 1), Case(lesion: 1, followup: 1), Case(lesion: 2, followup: 1),
             Case(lesion: 0, followup: 2), Case(lesion: 1, followup: 2), Case(lesion: 2, followup: 2)]
let elastix = Elastix.find()
if elastix == nil { print("elastix/transformix not found on PATH: only LesionDensity's figures are printed") }
print("ITK \(LocalRigidRegistration.itkVersion); \(repeats) runs per case, median time; error at the lesion centre")
print("case            ours mm   ours °  ours s | elastix mm  elastix °  elastix s | time ratio (elastix/ours)")
var ratios: [Double] = [], oursTimes: [Double] = [], oursErrors: [Double] = [], elastixErrors: [Double] = []
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("registration-bench-\(getpid())").path
try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
for c in cases {
    let box = phantom.lesionBox(c.lesion)
    let fixedBox = box.expanded(by: options.marginMM)
    let movingBox = fixedBox.expanded(by: options.searchMarginMM)
    let baseline = phantom.volume(timePoint: 0, region: fixedBox.expanded(by: 2))
    let followup = phantom.volume(timePoint: c.followup, region: movingBox.expanded(by: 2))
    let truth = phantom.baselineFromTimePoint(c.followup).inverse   // followupFromBaseline
    let centre = phantom.lesions[c.lesion].centre
    var times: [Double] = []
    var result: RigidRegistrationResult?
    for _ in 0..<repeats {
        let (r, s) = try timed { try LocalRigidRegistration.register(baseline: baseline, followup: followup, lesionBox: box, options: options) }
        times.append(s)
        result = r
    }
    let ours = errors(result!.followupFromBaseline, truth: truth, at: centre)
    let oursTime = median(times)
    oursTimes.append(oursTime); oursErrors.append(ours.mm)
    var line = String(format: "L%d follow-up %d  %7.3f  %7.3f  %6.2f |", c.lesion + 1, c.followup, ours.mm, ours.degrees, oursTime)
    if let elastix {
        let dir = "\(scratch)/L\(c.lesion)-t\(c.followup)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try MetaImage.write(baseline, box: fixedBox, to: "\(dir)/fixed.mhd")
        try MetaImage.write(followup, box: movingBox, to: "\(dir)/moving.mhd")
        try Elastix.parameters(options).write(toFile: "\(dir)/rigid.txt", atomically: true, encoding: .utf8)
        var etimes: [Double] = []
        for run in 0..<repeats {
            let out = "\(dir)/out\(run)"
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let (_, s) = try timed { try elastix.register(fixed: "\(dir)/fixed.mhd", moving: "\(dir)/moving.mhd", parameters: "\(dir)/rigid.txt", out: out) }
            etimes.append(s)
        }
        let estimate = try elastix.transform(parameters: "\(dir)/out0/TransformParameters.0.txt", around: centre, scratch: dir)
        let theirs = errors(estimate, truth: truth, at: centre)
        let elastixTime = median(etimes)
        ratios.append(elastixTime / oursTime); elastixErrors.append(theirs.mm)
        line += String(format: "  %8.3f  %9.3f  %9.2f | %6.2f×", theirs.mm, theirs.degrees, elastixTime, elastixTime / oursTime)
    }
    print(line)
}
print(String(format: "ours: median %.2f s per lesion box (goal ≤ 1.5 s), worst error %.3f mm", median(oursTimes), oursErrors.max()!))
if !ratios.isEmpty {
    print(String(format: "elastix: worst error %.3f mm; median time ratio elastix/ours %.2f× (goal ≥ 1×)", elastixErrors.max()!, median(ratios)))
}
try? FileManager.default.removeItem(atPath: scratch)
