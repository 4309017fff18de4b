import DICOMImport
import Dispatch
import Foundation
import SyntheticDICOM

/// The benchmark series (issue 2, performance.md §4): 300 CT planes of 512 × 512 signed 16-bit
/// stored values (HU + 1024, RescaleIntercept −1024), 0.7 × 0.7 mm pixels, 1 mm apart, written
/// through DCMTK (`DICOMWriter`) once, uncompressed explicit VR little endian and JPEG lossless
/// (process 14, SV1). Every header carries ~60 scanner-like attributes; file names are shuffled
/// against slice position, so a reader must sort by ImagePositionPatient. Names end in ".dcm" so
/// that ../shared/bench's readers (series_pydicom.py, dcmtk_read) read the same folders.
struct SeriesData {
    static let rows = 512, columns = 512, planes = 300
    static let pixelSpacing = 0.7, planeSpacing = 1.0, firstZ = -150.0
    /// Centre of the r = 15 mm benchmark lesion (LPS mm): the vertebral body's centre, plane 150.
    static let lesionCentre = (x: -0.35, y: 76.65, z: 0.0)
    static let lesionRadiusMM = 15.0

    let root: String
    /// Planes written: 300 for the benchmark, fewer for the CI gate (`--gate`).
    var planes = SeriesData.planes
    /// Whether to write the JPEG-lossless copy too.
    var withJPEG = true
    var rawFolder: String { (root as NSString).appendingPathComponent("raw") }
    var jpegFolder: String { (root as NSString).appendingPathComponent("jpll") }

    /// Generates the two folders unless a previous run left them complete (a stamp file marks that).
    func prepare(log: (String) -> Void) throws {
        let stamp = (root as NSString).appendingPathComponent("complete-v1-\(planes)\(withJPEG ? "" : "-raw")")
        if FileManager.default.fileExists(atPath: stamp) { log("series: reusing \(root)"); return }
        try? FileManager.default.removeItem(atPath: root)
        try FileManager.default.createDirectory(atPath: rawFolder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: jpegFolder, withIntermediateDirectories: true)
        log("series: writing \(planes) planes (raw + JPEG lossless) into \(root) …")
        let names = shuffledNames()
        let errors = ErrorBox()
        let started = Date()
        DispatchQueue.concurrentPerform(iterations: planes) { k in
            do { try writePlane(k, name: names[k]) } catch { errors.record(error) }
        }
        if let error = errors.first { throw error }
        try Data().write(to: URL(fileURLWithPath: stamp))
        log("series: written in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }

    /// File name of plane k: a fixed pseudo-random permutation of 0..<planes.
    private func shuffledNames() -> [String] {
        var order = Array(0..<planes)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for i in stride(from: order.count - 1, to: 0, by: -1) {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            order.swapAt(i, Int((state >> 33) % UInt64(i + 1)))
        }
        return order.map { String(format: "IM%05d.dcm", $0) }
    }

    private func writePlane(_ k: Int, name: String) throws {
        let w = try DICOMWriter()
        let z = Self.firstZ + Double(k) * Self.planeSpacing
        let origin = -Double(Self.columns) / 2 * Self.pixelSpacing  // −179.2
        let sop = "2.25.4242.3.\(k + 1)"
        let fields: [(String, String)] = [
            ("0008,0005", "ISO_IR 100"), ("0008,0008", "ORIGINAL\\PRIMARY\\AXIAL"),
            ("0008,0016", "1.2.840.10008.5.1.4.1.1.2"), ("0008,0018", sop),
            ("0008,0020", "20250101"), ("0008,0021", "20250101"), ("0008,0022", "20250101"), ("0008,0023", "20250101"),
            ("0008,0030", "101500"), ("0008,0031", "101500"), ("0008,0032", String(format: "1016%02d", k % 60)),
            ("0008,0033", String(format: "1016%02d", k % 60)), ("0008,0050", "A123456"), ("0008,0060", "CT"),
            ("0008,0070", "SYNTHETIC"), ("0008,0080", "Bench Hospital"), ("0008,0090", "Doe^John"),
            ("0008,1030", "CT CHEST ABDOMEN PELVIS W CONTRAST"), ("0008,103E", "AXIAL 1.0 SOFT"),
            ("0008,1090", "BenchScan 64"), ("0010,0010", "Test^Patient"), ("0010,0020", "P0001"),
            ("0010,0030", "19600101"), ("0010,0040", "F"), ("0010,1010", "065Y"),
            ("0018,0010", "IODINE"), ("0018,0015", "CHEST"), ("0018,0022", "HELICAL MODE"),
            ("0018,0050", "1.0"), ("0018,0060", "120"), ("0018,0090", "500.0"), ("0018,1020", "1.0"),
            ("0018,1100", "358.4"), ("0018,1110", "949.0"), ("0018,1120", "0.0"), ("0018,1130", "150.0"),
            ("0018,1140", "CW"), ("0018,1150", "500"), ("0018,1151", "200"), ("0018,1152", "100"),
            ("0018,1160", "BODY FILTER"), ("0018,1190", "0.7"), ("0018,1210", "STANDARD"), ("0018,5100", "FFS"),
            ("0020,000D", "2.25.4242.1"), ("0020,000E", "2.25.4242.2"), ("0020,0010", "1"), ("0020,0011", "3"),
            ("0020,0012", "1"), ("0020,0013", String(k + 1)),
            ("0020,0032", "\(fmt(origin))\\\(fmt(origin))\\\(fmt(z))"), ("0020,0037", "1\\0\\0\\0\\1\\0"),
            ("0020,0052", "2.25.4242.9"), ("0020,1041", fmt(z)),
            ("0028,0002", "1"), ("0028,0004", "MONOCHROME2"), ("0028,0010", String(Self.rows)),
            ("0028,0011", String(Self.columns)), ("0028,0030", "0.7\\0.7"), ("0028,0100", "16"),
            ("0028,0101", "16"), ("0028,0102", "15"), ("0028,0103", "1"), ("0028,1050", "40"), ("0028,1051", "400"),
            ("0028,1052", "-1024"), ("0028,1053", "1"), ("0028,1054", "HU"),
        ]
        for (tag, value) in fields { try w.set(tag, value) }
        // A block of long text attributes standing in for a scanner's private block (~1.8 KB; the
        // writer creates elements by dictionary VR, so public LO/LT/ST attributes are used).
        for (i, tag) in ["0008,1040", "0008,1010", "0018,1000", "0018,1016", "0018,1018", "0018,1019", "0020,4000",
                         "0032,4000", "0040,0254", "0040,0280", "0008,4000", "0018,1030"].enumerated() {
            try w.set(tag, "filler value \(i) " + String(repeating: "x", count: 50))
        }
        try w.setPixelWords(storedWords(plane: k))
        try w.save(to: (rawFolder as NSString).appendingPathComponent(name))
        if withJPEG {
            try w.save(to: (jpegFolder as NSString).appendingPathComponent(name), transferSyntax: TransferSyntax.jpegLosslessSV1)
        }
    }

    /// Stored words (HU + 1024, two's complement) of plane k: padding −2000 HU outside a circular
    /// field of view, air, a body ellipse of soft tissue with a fat rim, two lungs, a vertebra with
    /// cortex, and deterministic noise (sd ≈ 10 HU), so JPEG lossless compresses like CT (≈ 2.5:1).
    func storedWords(plane k: Int) -> [UInt16] {
        let n = Self.columns
        var words = [UInt16](repeating: 0, count: Self.rows * n)
        var state = UInt64(k + 1) &* 0x2545_F491_4F6C_DD1D
        let c = Double(n - 1) / 2
        for y in 0..<Self.rows {
            for x in 0..<n {
                let dx = Double(x) - c, dy = Double(y) - c
                state ^= state << 13; state ^= state >> 7; state ^= state << 17
                let noise = Int(state & 0xF) + Int((state >> 4) & 0xF) - 15  // triangular, sd ≈ 6.5
                var hu: Int
                if dx * dx + dy * dy > 256 * 256 { hu = -2000 }
                else if (dx / 220) * (dx / 220) + (dy / 160) * (dy / 160) > 1 { hu = -1000 + noise }
                else if (dx / 205) * (dx / 205) + (dy / 145) * (dy / 145) > 1 { hu = -100 + noise }
                else if ((abs(dx) - 95) / 70) * ((abs(dx) - 95) / 70) + ((dy + 10) / 95) * ((dy + 10) / 95) <= 1 { hu = -850 + 2 * noise }
                else if dx * dx + (dy - 110) * (dy - 110) <= 20 * 20 { hu = 250 + 3 * noise }
                else if dx * dx + (dy - 110) * (dy - 110) <= 28 * 28 { hu = 1000 + 3 * noise }
                else { hu = 40 + noise }
                words[y * n + x] = UInt16(truncatingIfNeeded: hu + 1024)
            }
        }
        return words
    }

    private func fmt(_ x: Double) -> String { String(format: "%.1f", x) }
}

/// The first error of concurrent workers.
final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [Error] = []
    func record(_ e: Error) { lock.lock(); errors.append(e); lock.unlock() }
    var first: Error? { lock.lock(); defer { lock.unlock() }; return errors.first }
}
