import ArgumentParser
import Foundation
import LesionAnalysis
import ReportWriters

/// Options shared by measure, analyze and batch: how ROI voxels are selected and measured.
struct MeasurementOptions: ParsableArguments {
    @Option(name: .customLong("hu-range"), parsing: .unconditional, help: "IBSI re-segmentation range LO,HI in HU: voxels outside are excluded and counted.")
    var huRange: String?

    @Option(name: .customLong("seg-threshold"), parsing: .unconditional, help: "FRACTIONAL SEG: keep pixels at or above this fraction (0–1] of MaximumFractionalValue.")
    var segThreshold: Double = 0.5

    @Option(name: .customLong("labels"), help: "Label map lesion labels: JSON {\"1\": \"L1 lytic\"} or CSV value,label (Docs/ROIs.md).")
    var labels: String?

    @Flag(name: .customLong("split-components"), help: "Label maps: each 26-connected component of a label is its own lesion, \"label N.k\" by decreasing size, matched across time points by overlap (Docs/ROIs.md).")
    var splitComponents = false

    /// How label maps are read.
    var labelMaps: LabelMapOptions { LabelMapOptions(labelsFile: labels, splitComponents: splitComponents) }

    /// The re-segmentation range, when given.
    var resegmentationRange: ClosedRange<Double>? { huRange.flatMap(HURange.parse) }

    func validate() throws {
        if let huRange, HURange.parse(huRange) == nil { throw ValidationError("--hu-range must be LO,HI in HU with LO < HI, e.g. -500,400") }
        if !(segThreshold > 0 && segThreshold <= 1) { throw ValidationError("--seg-threshold must lie in (0, 1]") }
        if let labels { try ExistingPath.checkFile(labels, option: "--labels") }
    }
}

/// Options shared by analyze and batch: PatientID pseudonymization.
struct PseudonymOptions: ParsableArguments {
    @Flag(help: "Replace PatientID by a salted hash (salt from --salt or LESION_DENSITY_SALT).")
    var pseudonymize = false

    @Option(help: "Salt for --pseudonymize (keep it secret and the same across runs to join results).")
    var salt: String?
}

/// `--hu-range LO,HI`.
enum HURange {
    static func parse(_ text: String) -> ClosedRange<Double>? {
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let lo = parts[0], let hi = parts[1], lo < hi else { return nil }
        return lo...hi
    }
}

/// Options shared by analyze and batch: the pictures drawn into --out.
struct PictureOptions: ParsableArguments {
    @Flag(name: .customLong("no-pictures"), help: "Do not draw the per-lesion PNG panels and report.html.")
    var noPictures = false

    @Option(parsing: .unconditional, help: "Display window of the pictures: bone (W 2000 / L 500 HU), soft-tissue (W 400 / L 40 HU) or W,L in HU.")
    var window: String = "bone"

    func validate() throws {
        if DisplayWindow(argument: window) == nil { throw ValidationError("--window is bone, soft-tissue or W,L in HU (e.g. 1500,400)") }
    }

    /// The sink for pictures under `out`, or nil when there is no --out or pictures are off.
    func sink(out: String?, pseudonym: Pseudonym?) -> PictureSink? {
        guard let out, !noPictures else { return nil }
        return PictureSink(outFolder: out, window: DisplayWindow(argument: window) ?? .bone,
                           reportedPatientID: { pseudonym?($0) ?? $0 })
    }
}

/// Options shared by analyze and batch: the DICOM objects written into --out/dicom/.
struct DICOMOutputOptions: ParsableArguments {
    @Flag(name: .customLong("no-dicom"),
          help: "Do not write the DICOM SR (TID 1500), SEG and REG objects into --out/dicom/ (Docs/Outputs.md).")
    var noDICOM = false

    /// The sink for DICOM objects under `out`, or nil when there is no --out or --no-dicom is given.
    func sink(out: String?, pseudonym: Pseudonym?) -> DICOMOutputSink? {
        guard let out, !noDICOM else { return nil }
        return DICOMOutputSink(outFolder: out, pseudonymized: pseudonym != nil, reportedPatientID: { pseudonym?($0) ?? $0 })
    }
}

/// A path option that must exist (a missing one is a usage error, exit 2).
enum ExistingPath {
    static func check(_ path: String, option: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("\(option) \(path): no such file or folder")
        }
    }

    /// A path option that must name a file: missing, or a folder, is a usage error (exit 2).
    static func checkFile(_ path: String, option: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw ValidationError("\(option) \(path): no such file")
        }
        if isFolder.boolValue { throw ValidationError("\(option) \(path): is a folder; name the file itself") }
    }
}
