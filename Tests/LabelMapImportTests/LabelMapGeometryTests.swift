import DICOMImport
import Foundation
import LabelMapImport
import LesionAnalysis
import LesionROI
import Testing
import VolumeModel
import _TestSupport

/// NIfTI and NRRD label maps written by nibabel / a plain NRRD writer (Tests/tools/write_labelmap.py,
/// independent of our readers) onto a synthetic CT of 6 planes × 9 rows × 7 columns: 1 mm pixels,
/// planes at z = 0, 2, …, 10, identity orientation, so CT voxel (k, r, c) has its centre at LPS
/// (c, r, 2k). Each file's grid is chosen so the expected CT voxels follow by hand.
@Suite("Label maps: NIfTI and NRRD geometry onto the CT")
struct LabelMapGeometryTests {
    /// [i, j, k, label]: a 12-voxel block of label 1, three voxels of label 2, one of label 7.
    static let design: [[Int]] = {
        var v: [[Int]] = []
        for k in 1...2 { for j in 2...4 { for i in 1...2 { v.append([i, j, k, 1]) } } }
        return v + [[5, 6, 4, 2], [6, 5, 4, 2], [0, 0, 3, 2], [3, 3, 5, 7]]
    }()

    /// The CT voxels [k, r, c] of each label under a map of label-map (i, j, k) to CT (k, r, c).
    static func expected(_ map: ([Int]) -> [Int]) -> [Int: Set<[Int]>] {
        var out: [Int: Set<[Int]>] = [:]
        for v in design { out[v[3], default: []].insert(map(v)) }
        return out
    }

    static let lpsOrdered: [[Double]] = [[-1, 0, 0, 0], [0, -1, 0, 0], [0, 0, 2, 0], [0, 0, 0, 1]]
    static let rasOrdered: [[Double]] = [[1, 0, 0, -6], [0, 1, 0, -8], [0, 0, 2, 0], [0, 0, 0, 1]]

    struct Skip: Error {}

    /// A folder with the CT; the caller removes it.
    static func ct() throws -> (String, ROITarget) {
        let folder = try SharedData.temporaryFolder("labelmap")
        var ct = SyntheticCT()
        ct.rows = 9; ct.columns = 7; ct.planes = 6
        ct.seriesInstanceUID = "2.25.7300.1"; ct.frameOfReferenceUID = "2.25.7300.9"
        try ct.write(to: folder + "/ct")
        let index = try DICOMImportAccess.index(folder + "/ct")
        return (folder, index)
    }

    /// Writes `spec` with the Python tool; throws ``Skip`` (with a message printed) when nibabel is absent.
    static func write(_ spec: [String: Any], _ path: String) throws -> String {
        let specPath = (NSTemporaryDirectory() as NSString).appendingPathComponent("labelmap-spec-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(atPath: specPath) }
        try JSONSerialization.data(withJSONObject: spec).write(to: URL(fileURLWithPath: specPath))
        switch PythonScript.run("write_labelmap.py", [specPath, path]) {
        case .ran: return path
        case .unavailable(let why): print("LabelMapGeometryTests skipped: \(why)"); throw Skip()
        case .failed(let status, let output): throw LabelMapError(file: path, "write_labelmap.py exited \(status): \(output)")
        }
    }

    static func nifti(_ format: String = "nifti1", shape: [Int] = [7, 9, 6], sform: [[Double]]?, qform: [[Double]]?,
                      voxels: [[Int]] = design, extra: [String: Any] = [:]) -> [String: Any] {
        var spec: [String: Any] = ["format": format, "shape": shape, "voxels": voxels,
                                   "sform": sform as Any? ?? NSNull(), "qform": qform as Any? ?? NSNull()]
        for (k, v) in extra { spec[k] = v }
        return spec
    }

    /// Places `file` and returns the voxels per label value, the placements and the failures.
    static func place(_ file: String, on target: ROITarget, split: Bool = false) throws -> [ROIPlacement] {
        try LabelMapPlacement.place(file: file, on: target, options: LabelMapOptions(splitComponents: split)).map { try $0.get() }
    }

    static func voxels(_ p: ROIPlacement) -> Set<[Int]> {
        var out: Set<[Int]> = []
        for k in p.mask.box.planes { for r in p.mask.box.rows { for c in p.mask.box.columns where p.mask.contains(plane: k, row: r, column: c) {
            out.insert([k, r, c])
        } } }
        return out
    }

    func check(_ placed: [ROIPlacement], _ expected: [Int: Set<[Int]>], resampled: Bool = false) {
        #expect(placed.map(\.mask.source.labelValue) == expected.keys.sorted())
        for p in placed {
            #expect(Self.voxels(p) == expected[p.mask.source.labelValue ?? -1], "label \(p.mask.label)")
            #expect(p.resampled == resampled && p.mask.source.kind == .labelmap && p.mask.source.component == nil)
        }
        #expect(placed.map(\.mask.label) == expected.keys.sorted().map { "label \($0)" })
    }

    @Test("NIfTI on the CT's grid, stored LPS-ordered and RAS-ordered (x and y flipped), maps one to one")
    func onGrid() throws {
        let (folder, target) = try Self.ct()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let a = try Self.write(Self.nifti(sform: Self.lpsOrdered, qform: Self.lpsOrdered), folder + "/a.nii.gz")
            let placedA = try Self.place(a, on: target)
            check(placedA, Self.expected { [$0[2], $0[1], $0[0]] })
            #expect(placedA[0].warnings.contains { $0.hasPrefix("roi_geometry_only: ") })
            #expect(!placedA[0].warnings.contains { $0.hasPrefix("qform_sform_disagree") })
            let b = try Self.write(Self.nifti("nifti2", sform: Self.rasOrdered, qform: nil), folder + "/b.nii")
            check(try Self.place(b, on: target), Self.expected { [$0[2], 8 - $0[1], 6 - $0[0]] })
        } catch is Skip { return }
    }

    @Test("A sform rotated by 90° in-plane (axes permuted) still maps one to one")
    func rotatedSform() throws {
        let (folder, target) = try Self.ct()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // i runs along LPS +y, j along LPS −x, from LPS (6, 0, 0): voxel (i, j, k) at LPS (6 − j, i, 2k).
        let sform: [[Double]] = [[0, 1, 0, -6], [-1, 0, 0, 0], [0, 0, 2, 0], [0, 0, 0, 1]]
        do {
            let path = try Self.write(Self.nifti(shape: [9, 7, 6], sform: sform, qform: nil), folder + "/rot.nii.gz")
            check(try Self.place(path, on: target), Self.expected { [$0[2], $0[0], 6 - $0[1]] })
        } catch is Skip { return }
    }

    @Test("qform ≠ sform: the sform is used and qform_sform_disagree says by how much; sform_code 0 uses the qform")
    func qformSform() throws {
        let (folder, target) = try Self.ct()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var shifted = Self.lpsOrdered
        shifted[0][3] = -1  // 1 mm along RAS x
        do {
            let both = try Self.write(Self.nifti(sform: Self.lpsOrdered, qform: shifted), folder + "/both.nii.gz")
            let placed = try Self.place(both, on: target)
            check(placed, Self.expected { [$0[2], $0[1], $0[0]] })
            let warning = placed[0].warnings.first { $0.hasPrefix("qform_sform_disagree: ") }
            #expect(warning?.contains("1.00 mm") == true)
            let qOnly = try Self.write(Self.nifti(sform: nil, qform: Self.rasOrdered), folder + "/q.nii.gz")
            check(try Self.place(qOnly, on: target), Self.expected { [$0[2], 8 - $0[1], 6 - $0[0]] })
        } catch is Skip { return }
    }

    @Test("A coarser label map (2 mm pixels) is resampled by nearest voxel centre")
    func resampled() throws {
        let (folder, target) = try Self.ct()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Label voxel (i, j, k) is centred at LPS (2i + 0.5, 2j + 0.5, 2k): CT rows 2j, 2j + 1 and columns 2i, 2i + 1.
        let sform: [[Double]] = [[-2, 0, 0, -0.5], [0, -2, 0, -0.5], [0, 0, 2, 0], [0, 0, 0, 1]]
        let voxels = [[0, 0, 1, 1], [1, 2, 1, 1], [3, 4, 2, 1], [2, 1, 4, 3]]
        do {
            let path = try Self.write(Self.nifti(shape: [4, 5, 6], sform: sform, qform: nil, voxels: voxels), folder + "/coarse.nii.gz")
            var expected: [Int: Set<[Int]>] = [:]
            for v in voxels { for dr in 0...1 { for dc in 0...1 where 2 * v[0] + dc < 7 && 2 * v[1] + dr < 9 {
                expected[v[3], default: []].insert([v[2], 2 * v[1] + dr, 2 * v[0] + dc])
            } } }
            check(try Self.place(path, on: target), expected, resampled: true)
        } catch is Skip { return }
    }

    @Test("scl_slope is applied: stored values 0, 2, 4, 14 with slope 0.5 are labels 1, 2, 7")
    func scaled() throws {
        let (folder, target) = try Self.ct()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let path = try Self.write(Self.nifti(sform: Self.lpsOrdered, qform: nil, extra: ["scl_slope": 0.5, "scl_inter": 0, "dtype": "int16"]),
                                      folder + "/scaled.nii")
            check(try Self.place(path, on: target), Self.expected { [$0[2], $0[1], $0[0]] })
        } catch is Skip { return }
    }

    @Test("NRRD in LPS and in RAS space (gzip), with Slicer segment names")
    func nrrd() throws {
        let (folder, target) = try Self.ct()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let lps = try Self.write(["format": "nrrd", "shape": [7, 9, 6], "voxels": Self.design, "space": "left-posterior-superior",
                                      "directions": [[1, 0, 0], [0, 1, 0], [0, 0, 2]], "origin": [0, 0, 0]], folder + "/lps.nrrd")
            check(try Self.place(lps, on: target), Self.expected { [$0[2], $0[1], $0[0]] })
            // RAS: voxel (i, j, k) at RAS (i − 6, j − 8, 2k), i.e. LPS (6 − i, 8 − j, 2k).
            let ras = try Self.write(["format": "nrrd", "shape": [7, 9, 6], "voxels": Self.design, "space": "right-anterior-superior",
                                      "directions": [[1, 0, 0], [0, 1, 0], [0, 0, 2]], "origin": [-6, -8, 0], "encoding": "gzip",
                                      "names": ["1": "L1 lytic", "7": "Spine"]], folder + "/ras.seg.nrrd")
            let placed = try Self.place(ras, on: target)
            let expected = Self.expected { [$0[2], 8 - $0[1], 6 - $0[0]] }
            #expect(placed.map(\.mask.label) == ["L1 lytic", "label 2", "Spine"])
            for p in placed { #expect(Self.voxels(p) == expected[p.mask.source.labelValue ?? -1]) }
        } catch is Skip { return }
    }

    @Test("--split-components: 26-connected components by decreasing size, label N.k")
    func components() throws {
        let (folder, target) = try Self.ct()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Label 1: the 12-voxel block, one voxel touching it only at a corner (26-connected), and a separate pair.
        let voxels = Self.design.filter { $0[3] == 1 } + [[3, 5, 3, 1], [6, 8, 5, 1], [6, 7, 5, 1]]
        do {
            let path = try Self.write(Self.nifti(sform: Self.lpsOrdered, qform: nil, voxels: voxels), folder + "/c.nii.gz")
            let placed = try Self.place(path, on: target, split: true)
            #expect(placed.map(\.mask.label) == ["label 1.1", "label 1.2"])
            #expect(placed.map(\.mask.source.component) == [1, 2])
            #expect(placed.map(\.mask.voxelCount) == [13, 2])
            #expect(Self.voxels(placed[1]) == [[5, 8, 6], [5, 7, 6]])
        } catch is Skip { return }
    }

    @Test("A label map that does not overlap the CT is an error naming both extents")
    func noOverlap() throws {
        let (folder, target) = try Self.ct()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var far = Self.lpsOrdered
        far[2][3] = 100
        do {
            let path = try Self.write(Self.nifti(sform: far, qform: nil), folder + "/far.nii.gz")
            let error = #expect(throws: ROIError.self) { try Self.place(path, on: target) }
            #expect(error?.kind == .outsideVolume && error?.file == path)
            #expect(error?.message.contains("[0.0, 0.0, 100.0]–[6.0, 8.0, 110.0] mm") == true)
            #expect(error?.message.contains("[0.0, 0.0, 0.0]–[6.0, 8.0, 10.0] mm") == true)
        } catch is Skip { return }
    }

    @Test("Header numbers are checked before the data is allocated: pixdim 0, a 4D map, truncated data")
    func badHeaders() throws {
        let (folder, _) = try Self.ct()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            // NIfTI-1 pixdim[1] is the float32 at byte 80 of the header: set to 0.
            let zero = try Self.write(Self.nifti(sform: Self.lpsOrdered, qform: nil), folder + "/zero.nii")
            var bytes = try Data(contentsOf: URL(fileURLWithPath: zero))
            bytes.replaceSubrange(80..<84, with: [0, 0, 0, 0])
            try bytes.write(to: URL(fileURLWithPath: zero))
            let e1 = #expect(throws: LabelMapError.self) { try LabelMapFile.read(zero) }
            #expect(e1?.message.contains("pixdim[1]") == true && e1?.file == zero)
            let fourD = try Self.write(Self.nifti(shape: [7, 9, 6, 2], sform: Self.lpsOrdered, qform: nil, voxels: []), folder + "/4d.nii")
            let e2 = #expect(throws: LabelMapError.self) { try LabelMapFile.read(fourD) }
            #expect(e2?.message.contains("dim[4] = 2") == true)
            let good = try Self.write(Self.nifti(sform: Self.lpsOrdered, qform: nil), folder + "/cut.nii")
            let data = try Data(contentsOf: URL(fileURLWithPath: good))
            try data.prefix(data.count - 10).write(to: URL(fileURLWithPath: good))
            let e3 = #expect(throws: LabelMapError.self) { try LabelMapFile.read(good) }
            #expect(e3?.message.contains("truncated") == true)
        } catch is Skip { return }
    }
}

/// The only CT series of a test folder as LesionROI's target.
enum DICOMImportAccess {
    static func index(_ folder: String) throws -> ROITarget {
        let index = try Discovery.index(folder)
        guard let uid = index.seriesUIDs.first, let planes = index.seriesPlanes[uid] else {
            throw LabelMapError(file: folder, "no CT series")
        }
        return ROIObjectPlacement.target(try SeriesAssembly.assemble(planes, seriesInstanceUID: uid)[0])
    }
}

/// A label map beside its CT series: `<name>.labels.json` names its labels; `inspect` lists it;
/// `measure` (TimePointMeasurement) measures it with `--labels` overriding the table beside it.
@Suite("Label maps in a folder: label tables, inspect, measure")
struct LabelMapFolderTests {
    @Test("inspect lists the label map with labels, voxel counts and mL; the table beside it names them")
    func inspect() throws {
        let (folder, _) = try LabelMapGeometryTests.ct()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let mask = try LabelMapGeometryTests.write(
                LabelMapGeometryTests.nifti(sform: LabelMapGeometryTests.lpsOrdered, qform: nil), folder + "/ct/mask.nii.gz")
            try #"{"1": "L1 lytic", "7": "T12"}"#.write(toFile: folder + "/ct/mask.labels.json", atomically: true, encoding: .utf8)
            let inspection = try Inspection.run(path: folder)
            #expect(inspection.index.labelMaps == [mask])
            #expect(inspection.index.skippedFiles.isEmpty)
            let summary = try #require(inspection.labelMapSummaries.first)
            // 1 mm × 1 mm pixels, 2 mm planes: 2 mm³ per voxel.
            #expect(summary.entries.map(\.label) == ["L1 lytic", "label 2", "T12"])
            #expect(summary.entries.map(\.voxelCount) == [12, 3, 1])
            #expect(summary.entries.map(\.volumeML) == [0.024, 0.006, 0.002])
            #expect(summary.warnings.contains { $0.hasPrefix("roi_geometry_only: ") })
            #expect(InspectionListing.text(inspection).contains("L1 lytic (value 1): 12 voxels, 0.024 mL"))
            // --labels wins over the table beside the file (CSV with a header row).
            try "value,label\n1,\"Lesion, one\"\n2,L2\n".write(toFile: folder + "/labels.csv", atomically: true, encoding: .utf8)
            let target = try DICOMImportAccess.index(folder + "/ct")
            let placed = try LabelMapPlacement.place(file: mask, on: target, options: .init(labelsFile: folder + "/labels.csv"))
            #expect(try placed.map { try $0.get().mask.label } == ["Lesion, one", "L2", "label 7"])
        } catch is LabelMapGeometryTests.Skip { return }
    }
}
