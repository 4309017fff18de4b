import Foundation
import VolumeModel

/// Turns the plane headers of one series into sorted stacks, never trusting InstanceNumber or
/// file names: planes are ordered by ImagePositionPatient projected on the slice normal
/// (ImageOrientationPatient row × column), spacing comes from those positions, and every plane
/// keeps its own position (DESIGN.md, Domain conventions).
///
/// Detected and reported (Docs/Outputs.md warning codes): copies of one SOPInstanceUID
/// (`duplicate_instance`, the copy is dropped), localizers (`localizer_excluded`), several stacks
/// of different orientation or matrix in one series (split; the largest is used), uneven plane
/// spacing (`non_uniform_spacing`), planes displaced off the normal (`gantry_tilt`).
/// Two different images at one position are an error: choosing either would silently change HU.
public enum SeriesAssembly {
    /// Positions closer than this along the normal (mm) are "the same position".
    static let samePositionToleranceMM = 0.01
    /// Gaps differing from the median gap by more than this fraction are "non-uniform".
    static let spacingTolerance = 0.01
    /// Tilt angles (degrees) at or below this are treated as none.
    static let tiltToleranceDegrees = 0.5

    /// Assembles the planes of one series.
    /// - Returns: the stacks, largest first; the first is the series' volume.
    /// - Throws: ``DICOMError`` `.invalidSeries` naming the series when no plane has geometry, or
    ///   when two different images share a position.
    public static func assemble(_ headers: [PlaneHeader], seriesInstanceUID: String) throws -> [ImageStack] {
        var warnings: [String] = []
        var planes = deduplicated(headers, warnings: &warnings)
        let localizers = planes.filter(\.isLocalizer)
        for l in localizers { warnings.append("localizer_excluded: \(l.path) (ImageType \(l.imageType.joined(separator: "\\")))") }
        planes.removeAll(where: \.isLocalizer)
        let unplaced = planes.filter { $0.imagePositionPatient == nil || $0.imageOrientationPatient == nil || $0.pixelSpacing == nil }
        for u in unplaced {
            warnings.append("skipped_file: \(u.path) has no ImagePositionPatient/ImageOrientationPatient/PixelSpacing")
        }
        planes.removeAll { $0.imagePositionPatient == nil || $0.imageOrientationPatient == nil || $0.pixelSpacing == nil }
        guard !planes.isEmpty else {
            throw DICOMError(.invalidSeries, path: headers.first?.path ?? seriesInstanceUID,
                             "series \(seriesInstanceUID) has no CT plane with position, orientation and spacing")
        }

        // Group by orientation, matrix and spacing: each group is one stack.
        var groups: [[PlaneHeader]] = []
        for plane in planes {
            if let g = groups.firstIndex(where: { sameGrid($0[0], plane) }) { groups[g].append(plane) } else { groups.append([plane]) }
        }
        groups.sort { $0.count != $1.count ? $0.count > $1.count : $0[0].path < $1[0].path }
        if groups.count > 1 {
            let main = groups[0]
            for extra in groups.dropFirst() {
                let what = "\(extra.count) plane(s) of \(extra[0].rows)x\(extra[0].columns), orientation \(formatIOP(extra[0]))"
                if extra.count <= 2 {
                    warnings.append("localizer_excluded: \(what) differ from the series' \(main.count) planes (\(extra.map(\.path).joined(separator: ", ")))")
                } else {
                    warnings.append("several_stacks: series \(seriesInstanceUID) holds several stacks, split; using the \(main.count) planes of \(main[0].rows)x\(main[0].columns), not \(what)")
                }
            }
        }
        var stacks: [ImageStack] = []
        for (i, group) in groups.enumerated() where i == 0 || group.count > 2 {
            var stack = try makeStack(group, seriesInstanceUID: seriesInstanceUID)
            if i == 0 { stack.warnings = warnings + stack.warnings }
            stacks.append(stack)
        }
        return stacks
    }

    /// Drops later copies of a SOPInstanceUID (+ frame), keeping the first by path.
    private static func deduplicated(_ headers: [PlaneHeader], warnings: inout [String]) -> [PlaneHeader] {
        var seen: [String: String] = [:]
        var kept: [PlaneHeader] = []
        for h in headers.sorted(by: { ($0.path, $0.frame) < ($1.path, $1.frame) }) {
            let key = "\(h.sopInstanceUID)#\(h.frame)"
            if let first = seen[key] {
                if h.frame == 0 {
                    warnings.append("duplicate_instance: \(h.path) repeats SOPInstanceUID \(h.sopInstanceUID) of \(first); the copy is ignored")
                }
                continue
            }
            seen[key] = h.path
            kept.append(h)
        }
        return kept
    }

    private static func sameGrid(_ a: PlaneHeader, _ b: PlaneHeader) -> Bool {
        guard a.rows == b.rows, a.columns == b.columns,
              let oa = a.imageOrientationPatient, let ob = b.imageOrientationPatient,
              let sa = a.pixelSpacing, let sb = b.pixelSpacing else { return false }
        return zip(oa, ob).allSatisfy { abs($0 - $1) < 1e-4 } && zip(sa, sb).allSatisfy { abs($0 - $1) < 1e-4 }
    }

    private static func formatIOP(_ p: PlaneHeader) -> String {
        (p.imageOrientationPatient ?? []).map { String(format: "%.3g", $0) }.joined(separator: "\\")
    }

    /// Sorts one group along its normal and checks positions, spacing and tilt.
    private static func makeStack(_ group: [PlaneHeader], seriesInstanceUID: String) throws -> ImageStack {
        let first = group[0]
        // One plane has no neighbour to give its extent along the normal: the voxel volume (mL)
        // needs SliceThickness or SpacingBetweenSlices (assuming 1 mm would misstate it).
        if group.count == 1, first.scanProtocol.sliceThicknessMM == nil, first.spacingBetweenSlices == nil {
            throw DICOMError(.invalidSeries, path: first.path,
                             "series \(seriesInstanceUID) has one plane and no usable SliceThickness or SpacingBetweenSlices: its voxel volume is unknown")
        }
        // The grouping guarantees orientation and spacing on every plane.
        let iop = first.imageOrientationPatient ?? [1, 0, 0, 0, 1, 0]
        let spacing = first.pixelSpacing ?? [1, 1]
        let probe = StackGeometry(rows: first.rows, columns: first.columns, imageOrientationPatient: iop,
                                  pixelSpacing: (spacing[0], spacing[1]), planePositions: [])
        let normal = probe.normal
        func along(_ p: PlaneHeader) -> Double { (p.imagePositionPatient ?? .zero).dot(normal) }
        let sorted = group.sorted { along($0) != along($1) ? along($0) < along($1) : $0.path < $1.path }

        var warnings: [String] = []
        for i in 1..<max(sorted.count, 1) where abs(along(sorted[i]) - along(sorted[i - 1])) < samePositionToleranceMM {
            let a = sorted[i - 1], b = sorted[i]
            throw DICOMError(
                .invalidSeries, path: b.path,
                "conflicting slices at the same position (\(format(along(b))) mm along the normal): \(a.path) "
                    + "(SOPInstanceUID \(a.sopInstanceUID), AcquisitionNumber \(a.acquisitionNumber.map(String.init) ?? "none")) and \(b.path) "
                    + "(SOPInstanceUID \(b.sopInstanceUID), AcquisitionNumber \(b.acquisitionNumber.map(String.init) ?? "none")) "
                    + "are different images; refusing to choose one — separate them into their own folders")
        }
        let geometry = StackGeometry(
            rows: first.rows, columns: first.columns, imageOrientationPatient: iop,
            pixelSpacing: (spacing[0], spacing[1]), planePositions: sorted.compactMap(\.imagePositionPatient))
        warnings += spacingWarnings(geometry)
        if let tilt = tiltWarning(geometry, gantryDetectorTilt: first.gantryDetectorTilt) { warnings.append(tilt) }
        // RescaleType (0028,1054) other than HU (e.g. "US" on a perfusion map): converted all the
        // same, but the numbers are not Hounsfield units.
        let types = Set(sorted.compactMap { $0.encoding.rescaleType?.uppercased() }).subtracting(["HU"])
        if !types.isEmpty {
            warnings.append("rescale_type: RescaleType \(types.sorted().joined(separator: ", ")): values are not Hounsfield units")
        }
        return ImageStack(seriesInstanceUID: seriesInstanceUID, geometry: geometry, planes: sorted, warnings: warnings)
    }

    /// `non_uniform_spacing` when consecutive gaps differ from the median gap: the distinct gaps
    /// with their counts, and where a gap is a whole multiple of the usual one, the missing planes.
    static func spacingWarnings(_ g: StackGeometry) -> [String] {
        let gaps = g.planeGaps
        guard gaps.count >= 2 else { return [] }
        let median = gaps.sorted()[gaps.count / 2]
        guard gaps.contains(where: { abs($0 - median) > spacingTolerance * median }) else { return [] }
        var runs: [(gap: Double, count: Int)] = []
        for gap in gaps {
            if let i = runs.firstIndex(where: { abs($0.gap - gap) <= spacingTolerance * median }) { runs[i].count += 1 } else { runs.append((gap, 1)) }
        }
        var text = "plane gaps " + runs.map { "\(format($0.gap)) mm (x\($0.count))" }.joined(separator: ", ")
        for (i, gap) in gaps.enumerated() where gap > median * (1 + spacingTolerance) {
            let missing = Int((gap / median).rounded()) - 1
            if missing >= 1, abs(gap - Double(missing + 1) * median) <= spacingTolerance * median * Double(missing + 1) {
                text += "; \(missing) plane(s) missing between \(format(g.normalPositions[i])) and \(format(g.normalPositions[i + 1])) mm along the normal"
            }
        }
        return ["non_uniform_spacing: " + text + "; each plane is kept at its own position"]
    }

    /// `gantry_tilt` when the planes are displaced along a direction other than the normal.
    static func tiltWarning(_ g: StackGeometry, gantryDetectorTilt: Double?) -> String? {
        guard g.planeCount >= 2 else { return nil }
        let step = (g.planePositions[g.planeCount - 1] - g.planePositions[0]).normalized
        let cosine = min(1, abs(step.dot(g.normal)))
        let degrees = acos(cosine) * 180 / .pi
        guard degrees > tiltToleranceDegrees else { return nil }
        let tag = gantryDetectorTilt.map { " (GantryDetectorTilt \(format($0))°)" } ?? ""
        return "gantry_tilt: planes are displaced at \(format(degrees))° to the slice normal\(tag); voxel positions use each plane's ImagePositionPatient"
    }

    static func format(_ x: Double) -> String {
        let r = (x * 1000).rounded() / 1000
        if let whole = Int(exactly: r) { return String(whole) }
        return String(r)
    }
}
