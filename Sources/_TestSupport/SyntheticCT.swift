import DICOMImport
import SyntheticDICOM
import Foundation
import VolumeModel

/// A synthetic CT series with designed HU content, written through DCMTK, so tests know every
/// voxel by hand. This module provides no stable API: it serves the test targets and the fixture
/// generator only.
public struct SyntheticCT: Sendable {
    public var rows = 16
    public var columns = 16
    public var planes = 8
    /// PixelSpacing (row, column) in mm.
    public var pixelSpacing = (1.0, 1.0)
    /// ImageOrientationPatient.
    public var orientation: [Double] = [1, 0, 0, 0, 1, 0]
    /// ImagePositionPatient of each plane (default: origin + k × planeSpacing along the normal).
    public var origin = PatientPoint(0, 0, 0)
    public var planeSpacing = 2.0
    /// Explicit per-plane positions, overriding origin/planeSpacing.
    public var positions: [PatientPoint]?
    /// HU of voxel (plane, row, column).
    public var hu: @Sendable (Int, Int, Int) -> Int = { _, _, _ in 0 }
    /// Voxels that are padding (written as `paddingValue`).
    public var isPadding: @Sendable (Int, Int, Int) -> Bool = { _, _, _ in false }
    public var paddingValue: Int?
    public var rescaleSlope = 1.0
    public var rescaleIntercept = -1024.0
    public var pixelRepresentation = 0
    public var bitsStored = 16
    public var transferSyntax = TransferSyntax.explicitVRLittleEndian
    /// The Patient and General Study attributes; a SEG, RTSTRUCT or REG of this series copies them.
    public var study = SyntheticStudy()
    // Shorthands for the study's attributes most tests set.
    public var patientID: String { get { study.patientID } set { study.patientID = newValue } }
    public var patientName: String { get { study.patientName } set { study.patientName = newValue } }
    public var studyInstanceUID: String { get { study.studyInstanceUID } set { study.studyInstanceUID = newValue } }
    public var studyDate: String { get { study.studyDate } set { study.studyDate = newValue } }
    public var studyTime: String { get { study.studyTime } set { study.studyTime = newValue } }
    public var studyDescription: String { get { study.studyDescription } set { study.studyDescription = newValue } }
    public var seriesInstanceUID = "2.25.1000.1"
    /// Root of the SOPInstanceUIDs (plane k gets `root.k+1`); default: the SeriesInstanceUID.
    public var sopInstanceUIDRoot: String?
    public var seriesNumber = 1
    public var seriesDescription = "SYNTHETIC CT"
    public var frameOfReferenceUID = "2.25.1000.9"
    public var kvp = "120"
    public var convolutionKernel = "B70f"
    public var sliceThickness = 2.0
    public var contrastBolusAgent: String?
    public var extra: [String: String] = [:]

    public init() {}

    /// Position of plane `k`.
    public func position(_ k: Int) -> PatientPoint {
        if let positions { return positions[k] }
        let r = PatientPoint(orientation[0], orientation[1], orientation[2])
        let c = PatientPoint(orientation[3], orientation[4], orientation[5])
        return origin + Double(k) * planeSpacing * r.cross(c)
    }

    /// The stored value that gives `hu`.
    public func storedValue(forHU hu: Int) -> Int {
        Int(((Double(hu) - rescaleIntercept) / rescaleSlope).rounded())
    }

    /// Writes one file per plane into `folder` (created if needed), named so that name order is
    /// not plane order. Returns the file paths in plane order.
    @discardableResult
    public func write(to folder: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var paths: [String] = []
        let count = positions?.count ?? planes
        for k in 0..<count {
            let w = try DICOMWriter()
            let sop = "\(sopInstanceUIDRoot ?? seriesInstanceUID).\(k + 1)"
            let fields: [(String, String)] = [
                ("0008,0016", SOPClass.ctImage), ("0008,0018", sop), ("0008,0008", "ORIGINAL\\PRIMARY\\AXIAL"),
                ("0008,0060", "CT"), ("0008,103E", seriesDescription), ("0008,0070", "LesionDensity"),
                ("0008,1090", "Synthetic"),
                ("0018,0050", format(sliceThickness)), ("0018,0060", kvp), ("0018,1210", convolutionKernel),
                ("0020,000E", seriesInstanceUID), ("0020,0011", String(seriesNumber)),
                ("0020,0013", String(count - k)), ("0020,0052", frameOfReferenceUID),
                ("0020,0032", [position(k).x, position(k).y, position(k).z].map(format).joined(separator: "\\")),
                ("0020,0037", orientation.map(format).joined(separator: "\\")),
                ("0028,0002", "1"), ("0028,0004", "MONOCHROME2"), ("0028,0010", String(rows)),
                ("0028,0011", String(columns)), ("0028,0030", "\(format(pixelSpacing.0))\\\(format(pixelSpacing.1))"),
                ("0028,0100", "16"), ("0028,0101", String(bitsStored)), ("0028,0102", String(bitsStored - 1)),
                ("0028,0103", String(pixelRepresentation)), ("0028,1052", format(rescaleIntercept)),
                ("0028,1053", format(rescaleSlope)),
            ]
            try study.write(to: w)
            for (tag, value) in fields { try w.set(tag, value) }
            if let agent = contrastBolusAgent { try w.set("0018,0010", agent) }
            if let paddingValue { try w.set("0028,0120", String(paddingValue)) }
            for (tag, value) in extra { try w.set(tag, value) }
            var words = [UInt16](repeating: 0, count: rows * columns)
            for r in 0..<rows {
                for c in 0..<columns {
                    let stored = isPadding(k, r, c) ? (paddingValue ?? 0) : storedValue(forHU: hu(k, r, c))
                    words[r * columns + c] = UInt16(truncatingIfNeeded: stored)
                }
            }
            try w.setPixelWords(words)
            // Names reversed against plane order, so that sorting by name would be wrong.
            let path = (folder as NSString).appendingPathComponent(String(format: "IM%04d", (count - k) * 7 % 9973))
            try w.save(to: path, transferSyntax: transferSyntax)
            paths.append(path)
        }
        return paths
    }

    private func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
