import DICOMImport
import Foundation

/// The readable text of `inspect`.
public enum InspectionListing {
    public static func text(_ i: Inspection) -> String {
        var out = "\(i.path)\n"
        let seriesCount = i.patients.reduce(0) { $0 + $1.studies.reduce(0) { $0 + $1.series.count } }
        out += "  \(i.patients.count) patient(s), \(seriesCount) CT series, \(i.index.roiObjects.count) SEG/RTSTRUCT object(s), "
        out += "\(i.index.roiManifests.count) sphere/box ROI file(s), \(i.index.labelMaps.count) label map(s), "
        out += "\(i.index.skippedFiles.count) non-DICOM file(s) skipped, "
        out += "\(i.index.unreadableFiles.count) unreadable\n"
        for p in i.patients {
            out += "\nPatient \(p.patientID.isEmpty ? "(no PatientID)" : p.patientID)\(p.patientName.map { " (\($0))" } ?? "")\n"
            for s in p.studies {
                out += "  Study \(Inspection.isoDate(s.studyDate) ?? "(no date)")  \(s.description ?? "")  \(s.studyInstanceUID)\n"
                for se in s.series { out += series(se) }
            }
        }
        if !i.index.roiObjects.isEmpty {
            out += "\nROI objects\n"
            for (n, r) in i.index.roiObjects.enumerated() {
                out += "  \(r.kind.rawValue.uppercased())  \(r.path)\n    labels: \(r.labels.joined(separator: ", "))\n"
                out += "    refers to series: \(r.referencedSeriesUIDs.isEmpty ? "(none named)" : r.referencedSeriesUIDs.joined(separator: ", "))\n"
                if n < i.roiSummaries.count { out += placement(i.roiSummaries[n]) }
            }
        }
        for f in i.index.roiManifests { out += "  sphere/box ROI file: \(f)\n" }
        if !i.labelMapSummaries.isEmpty {
            out += "\nLabel maps\n" + i.labelMapSummaries.map(\.text).joined()
        }
        if !i.index.otherObjects.isEmpty {
            out += "\nOther DICOM objects (not used)\n"
            for o in i.index.otherObjects { out += "  \(o.modality ?? "?")  \(SOPClass.name(o.sopClassUID))  \(o.path)\n" }
        }
        if !i.index.ownOutputs.isEmpty {
            out += "\nWritten by LesionDensity (never used as inputs)\n"
            for o in i.index.ownOutputs { out += "  \(SOPClass.name(o.sopClassUID))  \(o.path)\n" }
        }
        if !i.index.unreadableFiles.isEmpty {
            out += "\nUnreadable DICOM files\n"
            for u in i.index.unreadableFiles { out += "  \(u.path): \(u.message)\n" }
        }
        if !i.index.skippedFiles.isEmpty {
            out += "\nSkipped (not DICOM): \(i.index.skippedFiles.count) file(s)\n"
            for f in i.index.skippedFiles.prefix(20) { out += "  \(f)\n" }
            if i.index.skippedFiles.count > 20 { out += "  … and \(i.index.skippedFiles.count - 20) more\n" }
        }
        if !i.index.nonRegularFiles.isEmpty {
            out += "\nSkipped (not a regular file: named pipe, device or socket; not opened)\n"
            for f in i.index.nonRegularFiles { out += "  \(f)\n" }
        }
        return out
    }

    private static func placement(_ s: ROIObjectSummary) -> String {
        if let e = s.error { return "    ! \(e)\n" }
        return s.entries.map { e in
            guard let count = e.voxelCount, let ml = e.volumeML else { return "    \(e.label): ERROR \(e.error ?? "")\n" }
            let flags = e.flags.isEmpty ? "" : "  [\(e.flags.joined(separator: ", "))]"
            return "    \(e.label): \(count) voxels, \(String(format: "%.3f", ml)) mL\(flags)\n"
                + e.notes.map { "      note: \($0)\n" }.joined()
        }.joined()
    }

    private static func series(_ s: SeriesSummary) -> String {
        func mm(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "–" }
        var out = "    Series \(s.seriesNumber.map(String.init) ?? "?")  \(s.modality ?? "?")  \(s.description ?? "")  \(s.seriesInstanceUID)\n"
        out += "      \(s.sopClass); \(s.planes) plane(s) \(s.rows)x\(s.columns); pixel \(s.pixelSpacingMM.map { mm($0) }.joined(separator: " x ")) mm; "
        out += "plane spacing \(mm(s.sliceSpacingMinMM))–\(mm(s.sliceSpacingMaxMM)) mm\n"
        out += "      orientation \(s.orientation.map { String(format: "%.4g", $0) }.joined(separator: "\\")); folder \(s.path)\n"
        let p = s.scanProtocol
        out += "      KVP \(p.kvp ?? "–"); kernel \(p.convolutionKernel ?? "–"); SliceThickness \(mm(p.sliceThicknessMM)) mm; "
        out += "contrast \(p.contrastBolusAgent ?? "none"); \(p.manufacturer ?? "") \(p.model ?? "")\n"
        out += "      transfer syntax \(s.transferSyntaxes.joined(separator: ", "))\n"
        for w in s.warnings { out += "      ! \(w)\n" }
        if let e = s.error { out += "      ERROR \(e)\n" }
        return out
    }
}
