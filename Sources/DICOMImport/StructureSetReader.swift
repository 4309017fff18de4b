import VolumeModel

/// Reads an RT Structure Set (PS3.3 A.19; C.8.8.5, C.8.8.6) through DCMTK into a ``StructureSetObject``.
public enum StructureSetReader {
    /// Reads the RTSTRUCT at `path`: every ROI of StructureSetROISequence (3006,0020) with the
    /// contours of its ROIContourSequence (3006,0039) item, joined by ROINumber /
    /// ReferencedROINumber. An ROI with no ROIContourSequence item has no contours.
    /// - Throws: ``DICOMError`` naming the file (and the ROI): `.notDICOM`/`.unreadable` when DCMTK
    ///   cannot read it; `.missingAttribute` when it is not an RTSTRUCT, has no
    ///   StructureSetROISequence, an ROI has no ROINumber, or a contour's ContourData is absent,
    ///   not numeric, or not a multiple of three values (x, y, z triplets, C.8.8.6.1).
    public static func read(path: String) throws -> StructureSetObject {
        let file = try DICOMFile(path: path, headersOnly: true)
        let sopClass = file.string(DICOMTag.sopClassUID) ?? file.string(DICOMTag.mediaStorageSOPClassUID)
        guard sopClass == SOPClass.rtStructureSet else {
            throw DICOMError(.missingAttribute, path: path, "not an RT Structure Set (SOP class \(sopClass ?? "absent"))")
        }
        let roiCount = file.itemCount("StructureSetROISequence")
        guard roiCount > 0 else { throw DICOMError(.missingAttribute, path: path, "RTSTRUCT without StructureSetROISequence") }
        var contourItems: [Int: Int] = [:]
        for i in 0..<file.itemCount("ROIContourSequence") {
            if let number = file.int("ROIContourSequence[\(i)].ReferencedROINumber") { contourItems[number] = i }
        }
        var rois: [StructureSetObject.ROI] = []
        for i in 0..<roiCount {
            let item = "StructureSetROISequence[\(i)]"
            guard let number = file.int("\(item).ROINumber") else {
                throw DICOMError(.missingAttribute, path: path, "StructureSetROISequence item \(i + 1) has no ROINumber")
            }
            let name = file.string("\(item).ROIName") ?? "ROI \(number)"
            let contours = try contourItems[number].map { try readContours(file, item: $0, roi: name) } ?? []
            rois.append(.init(number: number, name: name, frameOfReferenceUID: file.string("\(item).ReferencedFrameOfReferenceUID"),
                              contours: contours))
        }
        return StructureSetObject(file: path, referencedSeriesUIDs: referencedSeries(file), rois: rois)
    }

    /// The contours of ROIContourSequence item `item`.
    private static func readContours(_ file: DICOMFile, item: Int, roi: String) throws -> [StructureSetObject.Contour] {
        let base = "ROIContourSequence[\(item)].ContourSequence"
        var contours: [StructureSetObject.Contour] = []
        for j in 0..<file.itemCount(base) {
            let contour = "\(base)[\(j)]"
            let type = file.string("\(contour).ContourGeometricType")?.uppercased() ?? ""
            guard let data = file.doubles("\(contour).ContourData") else {
                throw DICOMError(.missingAttribute, path: file.path, "ROI \"\(roi)\": contour \(j + 1) has no numeric ContourData")
            }
            guard data.count % 3 == 0 else {
                throw DICOMError(.missingAttribute, path: file.path,
                                 "ROI \"\(roi)\": contour \(j + 1) has \(data.count) ContourData values, not (x, y, z) triplets")
            }
            guard data.count / 3 <= HeaderLimits.maxContourPoints else {
                throw DICOMError(.invalidValue, path: file.path,
                                 "ROI \"\(roi)\": contour \(j + 1) has \(data.count / 3) points, more than \(HeaderLimits.maxContourPoints)")
            }
            try HeaderValidation.checkCoordinates(data, path: file.path, what: "ROI \"\(roi)\": contour \(j + 1) ContourData")
            let points = stride(from: 0, to: data.count, by: 3).map { PatientPoint(data[$0], data[$0 + 1], data[$0 + 2]) }
            var uids: [String] = []
            for k in 0..<file.itemCount("\(contour).ContourImageSequence") {
                if let uid = file.string("\(contour).ContourImageSequence[\(k)].ReferencedSOPInstanceUID") { uids.append(uid) }
            }
            contours.append(.init(geometricType: type, points: points, referencedSOPInstanceUIDs: uids))
        }
        return contours
    }

    /// SeriesInstanceUIDs under ReferencedFrameOfReferenceSequence › RTReferencedStudySequence ›
    /// RTReferencedSeriesSequence (C.8.8.5).
    private static func referencedSeries(_ file: DICOMFile) -> [String] {
        var uids: [String] = []
        for f in 0..<file.itemCount("ReferencedFrameOfReferenceSequence") {
            let studies = "ReferencedFrameOfReferenceSequence[\(f)].RTReferencedStudySequence"
            for s in 0..<file.itemCount(studies) {
                let series = "\(studies)[\(s)].RTReferencedSeriesSequence"
                for r in 0..<file.itemCount(series) {
                    if let uid = file.string("\(series)[\(r)].SeriesInstanceUID") { uids.append(uid) }
                }
            }
        }
        return uids
    }
}
