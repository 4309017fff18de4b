import DICOMImport
import Foundation
import LesionROI
import VolumeModel

extension ShardPlan {
    /// Estimated work of every patient of `plan`, in CT planes (patients only in `unpaired` cost 0).
    ///
    /// A runnable pair costs the planes of its baseline and follow-up series that its course's ROIs
    /// cover when every ROI file of the course is a sphere/box file (`rois.json`): a plane counts when
    /// its offset along the series' normal (ImageOrientationPatient row × column, dotted with
    /// ImagePositionPatient) lies within a sphere's or box's extent along that normal. This is an
    /// estimate (a lesion carried through a registration may touch other planes). With a SEG,
    /// RTSTRUCT or label map (or a sphere/box file that cannot be read) it costs all planes of both
    /// series, an upper bound. A runnable pair costs at least 1 (a manifest's series are read later).
    public static func work(_ plan: BatchPlan) -> [String: Int] {
        var work: [String: Int] = [:]
        var shapes: [String: [GeometricROI.Shape]?] = [:]
        func geometric(_ files: Set<String>) -> [GeometricROI.Shape]? {
            var all: [GeometricROI.Shape] = []
            for f in files.sorted() {
                guard ROIFiles.isJSON(f) else { return nil }
                if shapes[f] == nil { shapes[f] = .some((try? InputFiles.sphereBoxROIs(f))?.map(\.shape)) }
                guard let list = shapes[f] ?? nil else { return nil }
                all += list
            }
            return all.isEmpty ? nil : all
        }
        for p in plan.unpaired { work[p.patientID, default: 0] += 0 }
        for p in plan.pairs {
            guard let r = p.request else { work[p.patientID, default: 0] += 0; continue }
            let rois = geometric(Set(r.course.flatMap(\.roiFiles) + r.baselineROIs + (r.followupROIs ?? [])))
            let planes = covered(r.baselineSeries, by: rois) + covered(r.followupSeries, by: rois)
            work[p.patientID, default: 0] += max(planes, 1)
        }
        return work
    }

    /// Planes of `series` within the extent of one of `rois` along the series' normal; all its
    /// planes when `rois` is nil, 0 for no series. A plane without position or orientation counts.
    static func covered(_ series: SeriesSelection.Candidate?, by rois: [GeometricROI.Shape]?) -> Int {
        guard let series else { return 0 }
        guard let rois, let o = series.planes.first?.imageOrientationPatient, o.count == 6 else { return series.planes.count }
        let normal = PatientPoint(o[0], o[1], o[2]).cross(PatientPoint(o[3], o[4], o[5])).normalized
        guard normal.length > 0 else { return series.planes.count }
        let extents: [ClosedRange<Double>] = rois.map { shape in
            switch shape {
            case let .sphere(c, r):
                let d = normal.dot(c)
                return (d - r)...(d + r)
            case let .box(a, b):
                let corners = (0..<8).map { i in normal.dot(PatientPoint(i & 1 == 0 ? a.x : b.x, i & 2 == 0 ? a.y : b.y, i & 4 == 0 ? a.z : b.z)) }
                return (corners.min() ?? 0)...(corners.max() ?? 0)
            }
        }
        return series.planes.filter { plane in
            guard let ipp = plane.imagePositionPatient else { return true }
            let d = normal.dot(ipp)
            return extents.contains { $0.contains(d) }
        }.count
    }
}
