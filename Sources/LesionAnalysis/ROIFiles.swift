import DICOMImport
import Foundation
import LabelMapImport
import LesionROI

/// Any ROI file a user may give: a sphere/box JSON file, a DICOM SEG or an RTSTRUCT, a NIfTI or
/// NRRD label map.
public enum ROIFiles {
    /// Puts every lesion of `file` on `stack`.
    /// - Returns: one result per lesion (segment, ROI, sphere or box).
    /// - Throws: ``ROIError`` naming the file when the whole file cannot be used (unreadable, not an
    ///   ROI object, another frame of reference or series).
    public static func place(file: String, on stack: ImageStack, fractionalThreshold: Double = 0.5,
                             labelMaps: LabelMapOptions = .init()) throws -> [Result<ROIPlacement, ROIError>] {
        if LabelMapFile.isLabelMap(file) {
            return try LabelMapPlacement.place(file: file, on: ROIObjectPlacement.target(stack), options: labelMaps)
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), isFolder.boolValue {
            throw ROIError(.invalidFile, file: file, "is a folder, not an ROI file (sphere/box JSON, SEG or RTSTRUCT)")
        }
        if isJSON(file) {
            return try InputFiles.sphereBoxROIs(file).map { roi in
                Result { try GeometricRasterizer.place(roi, on: stack.geometry, file: file) }
                    .mapError { $0 as? ROIError ?? ROIError(.invalidFile, file: file, lesion: roi.id, "\($0)") }
            }
        }
        let scanned: ScannedFile
        do { scanned = try Discovery.scan(file: file) } catch let error as DICOMError {
            throw ROIError(.invalidFile, file: file, error.kind == .notDICOM
                ? "neither a sphere/box JSON file, a label map (.nii, .nii.gz, .nrrd) nor DICOM (SEG or RTSTRUCT)" : error.message)
        }
        guard case .roiObject(let header) = scanned else {
            throw ROIError(.invalidFile, file: file, "is a DICOM file but neither a SEG nor an RTSTRUCT")
        }
        if let roiPatient = header.patientID, let ctPatient = stack.reference.patientID, roiPatient != ctPatient {
            throw ROIError(.foreignReference, file: file, "belongs to PatientID \(roiPatient), the CT series to \(ctPatient)")
        }
        return try ROIObjectPlacement.place(file: file, kind: header.kind, on: stack, fractionalThreshold: fractionalThreshold)
    }

    /// A `.json` name, or content starting with `{`.
    static func isJSON(_ file: String) -> Bool {
        if file.lowercased().hasSuffix(".json") { return true }
        guard let handle = FileHandle(forReadingAtPath: file) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 64) else { return false }
        return String(decoding: head, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("{")
    }
}
