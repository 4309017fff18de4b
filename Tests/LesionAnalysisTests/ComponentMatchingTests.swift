import Foundation
import LesionAnalysis
import ResultsModel
import Testing
import VolumeModel
import _TestSupport

/// `--split-components` across a pair (Docs/ROIs.md "Components across time points"). Both CTs:
/// 24 × 24 pixels of 1 mm, 10 planes 2 mm apart, so voxel (k, r, c) has its centre at LPS
/// (c, r, 2k); background 0 HU. The follow-up's anatomy lies at +(6, 4, 4) mm in its own frame of
/// reference (voxel index + (2, 4, 6)), and a REG says so: baselineFromFollowup = −(6, 4, 4) mm.
/// One label value (1), written by nibabel (Tests/tools/write_labelmap.py) on each CT's grid.
/// Blobs in baseline voxel indices (planes, rows, columns):
/// - A: 2…4, 4…6, 4…6 (27 voxels) at 50 HU; at follow-up only 2…3, 4…5, 4…5 (8 voxels) at 90 HU.
/// - B: 2…3, 14…15, 4…5 (8 voxels) at 600 HU; at follow-up grown to 1…4, 13…16, 3…6 (64) at 700 HU.
/// - D: 6, 14…15, 14…15 (4 voxels) at 300 HU; not in the follow-up's label map; 320 HU there.
/// - C: follow-up only, 6, 4…5, 14 (2 voxels) at 1000 HU.
/// By size the baseline names A, B, D `label 1.1`, `1.2`, `1.3`, the follow-up B, A, C `1.1`, `1.2`,
/// `1.3`: pairing by those names would compare A with B. Carried by the REG, A overlaps only A′
/// (Dice 2·8/35) and B only B′ (2·8/72), so A′ is `label 1.1`, B′ `label 1.2`; C overlaps nothing
/// and is `label 1.4`, new; D is carried (REG) and measures 320 HU.
@Suite("Label-map components matched across time points by overlap")
struct ComponentMatchingTests {
    typealias Blob = (planes: ClosedRange<Int>, rows: ClosedRange<Int>, columns: ClosedRange<Int>, hu: Int)
    static let baseline: [Blob] = [(2...4, 4...6, 4...6, 50), (2...3, 14...15, 4...5, 600), (6...6, 14...15, 14...15, 300)]
    static let followup: [Blob] = [(2...3, 4...5, 4...5, 90), (1...4, 13...16, 3...6, 700), (6...6, 4...5, 14...14, 1000)]
    /// HU of the follow-up at D's place (baseline indices), outside its label map.
    static let dAtFollowup: Blob = (6...6, 14...15, 14...15, 320)
    static let shift = (2, 4, 6)

    static func contains(_ b: Blob, _ k: Int, _ r: Int, _ c: Int) -> Bool {
        b.planes.contains(k) && b.rows.contains(r) && b.columns.contains(c)
    }

    /// Writes one time point's CT into `folder` and its label map at `labelMap` (blobs in baseline
    /// indices, moved by `offset`); nil when nibabel is absent (printed).
    static func timePoint(_ folder: String, labelMap out: String, study: Int, date: String, blobs: [Blob], extra: [Blob],
                          offset: (Int, Int, Int)) throws -> String? {
        var ct = SyntheticCT()
        ct.rows = 24; ct.columns = 24; ct.planes = 10
        ct.studyInstanceUID = "2.25.62.\(study)"; ct.seriesInstanceUID = "2.25.62.\(study).1"
        ct.frameOfReferenceUID = "2.25.62.\(study).9"; ct.studyDate = date
        let all = blobs + extra
        ct.hu = { k, r, c in
            all.first { Self.contains($0, k - offset.0, r - offset.1, c - offset.2) }?.hu ?? 0
        }
        try ct.write(to: folder)
        var voxels: [[Int]] = []
        for b in blobs { for k in b.planes { for r in b.rows { for c in b.columns {
            voxels.append([c + offset.2, r + offset.1, k + offset.0, 1])
        } } } }
        let spec: [String: Any] = ["format": "nifti1", "shape": [24, 24, 10], "voxels": voxels, "qform": NSNull(),
                                   "sform": [[-1, 0, 0, 0], [0, -1, 0, 0], [0, 0, 2, 0], [0, 0, 0, 1]]]
        let specPath = (NSTemporaryDirectory() as NSString).appendingPathComponent("components-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(atPath: specPath) }
        try JSONSerialization.data(withJSONObject: spec).write(to: URL(fileURLWithPath: specPath))
        switch PythonScript.run("write_labelmap.py", [specPath, out]) {
        case .ran: return out
        case .unavailable(let why): print("ComponentMatchingTests skipped: \(why)"); return nil
        case .failed(let status, let output): throw AnalysisError("write_labelmap.py exited \(status): \(output)")
        }
    }

    /// The pair, with or without the REG.
    static func run(reg: Bool) throws -> (String, PairResult)? {
        let root = try SharedData.temporaryFolder("components")
        guard let b = try timePoint(root + "/b", labelMap: root + "/b.nii", study: 1, date: "20240110", blobs: baseline, extra: [],
                                    offset: (0, 0, 0)),
              let f = try timePoint(root + "/f", labelMap: root + "/f.nii", study: 2, date: "20240410", blobs: followup,
                                    extra: [dAtFollowup], offset: shift)
        else { try? FileManager.default.removeItem(atPath: root); return nil }
        if reg {
            try SyntheticREG(frameOfReferenceUID: "2.25.62.1.9", items: [
                ("2.25.62.1.9", SyntheticREG.translation((0, 0, 0)), "RIGID"),
                ("2.25.62.2.9", SyntheticREG.translation((-6, -4, -4)), "RIGID"),
            ]).write(to: root + "/f/reg.dcm")
        }
        var request = PairRequest(baselinePath: root + "/b", followupPath: root + "/f", baselineROIs: [b], followupROIs: [f])
        request.labelMaps = LabelMapOptions(splitComponents: true)
        request.register = false
        return (root, PairAnalysis.run(request))
    }

    func lesion(_ id: String, _ r: PairResult) throws -> LesionPairResult {
        try #require(r.lesions.first { $0.lesionID == id }, "no lesion \(id): \(r.lesions.map(\.lesionID)) \(r.failures)")
    }

    @Test("Follow-up components take the names of the baseline components they overlap after the REG; C is new, D carried")
    func matchedByOverlap() throws {
        guard let (root, r) = try Self.run(reg: true) else { return }
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(r.status == .ok, "\(r.error ?? "")")
        #expect(r.lesions.map(\.lesionID) == ["label 1.1", "label 1.2", "label 1.3", "label 1.4"])
        let a = try lesion("label 1.1", r), b = try lesion("label 1.2", r), d = try lesion("label 1.3", r), c = try lesion("label 1.4", r)
        #expect(a.baseline?.statistics.mean == 50 && a.followup?.statistics.mean == 90)
        #expect(a.baseline?.statistics.voxelCount == 27 && a.followup?.statistics.voxelCount == 8)
        #expect(a.followup?.source.kind == .labelmap && a.followup?.source.component == 2 && a.registration == nil)
        #expect(b.baseline?.statistics.mean == 600 && b.followup?.statistics.mean == 700)
        #expect(b.baseline?.statistics.voxelCount == 8 && b.followup?.statistics.voxelCount == 64 && b.followup?.source.component == 1)
        #expect(d.baseline?.statistics.mean == 300 && d.followup?.statistics.mean == 320 && d.followup?.statistics.voxelCount == 4)
        #expect(d.followup?.source.kind == .propagated && d.registration?.method == .dicomREG
                && d.registration?.translationMM == [-6, -4, -4])
        #expect(c.baseline == nil && c.followup?.statistics.mean == 1000 && c.followup?.source.component == 3)
        #expect(c.classification.response == .new)
        let unmatched = r.warnings.filter { $0.code == .unmatchedComponent }.map(\.message)
        #expect(unmatched.count == 2, "\(unmatched)")
        #expect(unmatched.contains { $0.hasPrefix("label 1.4 at 2024-04-10 (component 3 of label value 1") && $0.hasSuffix("a new lesion") })
        #expect(unmatched.contains { $0.hasPrefix("label 1.3 drawn at 2024-01-10 overlaps no component of label 1") })
    }

    @Test("Without any transform (--no-register, no REG) the names stay each file's size order, with a warning")
    func noTransform() throws {
        guard let (root, r) = try Self.run(reg: false) else { return }
        defer { try? FileManager.default.removeItem(atPath: root) }
        let first = try lesion("label 1.1", r)
        #expect(first.baseline?.statistics.mean == 50 && first.followup?.statistics.mean == 700)
        let unmatched = r.warnings.filter { $0.code == .unmatchedComponent }.map(\.message)
        #expect(unmatched.count == 1 && unmatched[0].contains("no transform links the frames of reference"), "\(unmatched)")
    }

    @Test("A course of three: every later scan's components are named after the earliest scan that has them; trends per lesion")
    func course() throws {
        // A third scan (index shift (1, 2, 3), i.e. +(3, 2, 2) mm): A at 150 HU, B back to its
        // baseline box at 650 HU, C grown to 5…7, 3…6, 13…15 (36 voxels, now the largest) at 900 HU,
        // D still absent (340 HU there). One REG (the first scan's frame) holds both later frames.
        let third: [Blob] = [(2...3, 4...5, 4...5, 150), (2...3, 14...15, 4...5, 650), (5...7, 3...6, 13...15, 900)]
        let root = try SharedData.temporaryFolder("components-course")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let scans: [(String, [Blob], Blob?, (Int, Int, Int))] = [
            ("20240110", Self.baseline, nil, (0, 0, 0)), ("20240410", Self.followup, Self.dAtFollowup, Self.shift),
            ("20240710", third, (6...6, 14...15, 14...15, 340), (1, 2, 3)),
        ]
        for (i, (date, blobs, extra, offset)) in scans.enumerated() {
            guard try Self.timePoint("\(root)/P/t\(i)", labelMap: "\(root)/P/t\(i)/seg.nii", study: i + 1, date: date, blobs: blobs,
                                     extra: extra.map { [$0] } ?? [], offset: offset) != nil else { return }
        }
        var reg = SyntheticREG(frameOfReferenceUID: "2.25.62.1.9", items: [
            ("2.25.62.2.9", SyntheticREG.translation((-6, -4, -4)), "RIGID"), ("2.25.62.3.9", SyntheticREG.translation((-3, -2, -2)), "RIGID"),
        ])
        reg.study.studyInstanceUID = "2.25.62.3"
        try reg.write(to: root + "/P/t2/reg.dcm")
        var plan = try BatchPlan.discover(root: root, pairing: .consecutive, criteria: .init())
        for i in plan.pairs.indices {
            plan.pairs[i].request?.labelMaps = LabelMapOptions(splitComponents: true)
            plan.pairs[i].request?.register = false
        }
        let results = BatchRunner().run(plan, workers: 1)
        #expect(results.map(\.status) == [.ok, .ok], "\(results.map { $0.error ?? "" })")
        let trends = CourseTrends.trends(results)
        func means(_ id: String) -> [Double?] {
            trends.first { $0.lesionID == id }?.timePoints.map { $0.statistics?.mean } ?? []
        }
        #expect(means("label 1.1") == [50, 90, 150])
        #expect(means("label 1.2") == [600, 700, 650])
        #expect(means("label 1.3") == [300, 320, 340])
        let second = try #require(results.last)
        let c = try lesion("label 1.4", second)
        #expect(c.baseline?.statistics.mean == 1000 && c.followup?.statistics.mean == 900 && c.followup?.statistics.voxelCount == 36)
        #expect(c.followup?.source.component == 1 && c.registration == nil)
        #expect(try lesion("label 1.3", second).followup?.source.kind == .propagated)
    }
}
