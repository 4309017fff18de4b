import VolumeModel

/// The limits a CT header's numbers must respect, checked where the header is read (the header
/// scan), so that no later stage sees a NaN, an overflow or a size it cannot allocate. Each limit
/// is far beyond what a CT scanner writes (a 512², 768² or 1024² matrix; pixels of 0.2–2 mm;
/// positions within ±2 m of the isocentre; RescaleSlope 1 with RescaleIntercept −1024) and far
/// below what would exhaust memory. Docs/Robustness.md lists them with what the tool does.
public enum HeaderLimits {
    /// Largest Rows or Columns accepted.
    public static let maxMatrix = 8192
    /// Largest NumberOfFrames of an Enhanced CT image accepted (a whole-body scan has ~2000).
    public static let maxFrames = 16384
    /// Most voxels one file may hold (Rows × Columns × frames): 2³⁰, 2 GiB of 16-bit words.
    public static let maxVoxelsPerFile = 1 << 30
    /// Accepted PixelSpacing values (mm).
    public static let pixelSpacingMM: ClosedRange<Double> = 0.001...1000
    /// Largest |coordinate| of ImagePositionPatient (mm): 100 m.
    public static let maxCoordinateMM = 1e5
    /// The Modality LUT must map every storable value within ±this (HU), which bounds every
    /// histogram sized by an HU range.
    public static let maxAbsHU = 1e6
    /// Row and column direction cosines: |length − 1| and |row · column| at most this.
    public static let orientationTolerance = 0.01
}

/// Checks of one header's numbers (PS3.3 C.7.6.2 Image Plane, C.7.6.3 Image Pixel, C.8.2.1 CT Image,
/// C.11.1 Modality LUT). Every failure is a ``DICOMError`` `.invalidValue` naming the file, the
/// attribute and the value.
enum HeaderValidation {
    /// `x` for a message: NaN and infinities spelled out.
    static func describe(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "+infinity" : "-infinity" }
        if let whole = Int(exactly: x), abs(whole) < 1 << 53 { return "\(whole)" }
        return "\(x)"
    }

    static func fail(_ path: String, _ text: String) -> DICOMError { DICOMError(.invalidValue, path: path, text) }

    /// The attribute's numbers, read strictly: nil when absent; an error when present but empty
    /// (`required`), not numeric, not finite, or not `count` values.
    static func numbers(_ file: DICOMFile, _ tag: String, _ keyword: String, count: Int? = nil, required: Bool = false) throws -> [Double]? {
        // Settled from the bytes when that is certain; otherwise the String path below decides.
        switch file.asciiNumbers(tag, strict: true) {
        case .absent where !required: return nil
        case .values(let values) where count == nil || values.count == count: return values
        default: break
        }
        guard let raw = file.string(tag) else {
            if required || file.isPresent(tag) {
                throw fail(file.path, "\(keyword) is \(file.isPresent(tag) ? "empty" : "absent") (Type 1, PS3.3 C.8.2.1)")
            }
            return nil
        }
        let parts = raw.split(separator: "\\", omittingEmptySubsequences: false).map { String($0).trimmingDICOMPadding() }
        var values: [Double] = []
        for part in parts {
            guard let v = Double(part), part.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) == true else {
                throw fail(file.path, "\(keyword) \"\(raw)\" is not a number")
            }
            guard v.isFinite else { throw fail(file.path, "\(keyword) \(describe(v)) (\"\(raw)\") is not a finite number") }
            values.append(v)
        }
        if let count, values.count != count {
            throw fail(file.path, "\(keyword) \"\(raw)\" has \(values.count) value(s), not \(count)")
        }
        return values
    }

    /// An integer attribute read strictly, within `range`; nil when absent.
    static func integer(_ file: DICOMFile, _ tag: String, _ keyword: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let v = try numbers(file, tag, keyword)?.first else { return nil }
        guard let i = Int(exactly: v), range.contains(i) else {
            throw fail(file.path, "\(keyword) \(describe(v)) is outside \(range.lowerBound)…\(range.upperBound)")
        }
        return i
    }

    /// Image Pixel module: BitsAllocated 8 or 16, 1 ≤ BitsStored ≤ BitsAllocated,
    /// BitsStored − 1 ≤ HighBit < BitsAllocated (PS3.5 §8.1.1), PixelRepresentation 0 or 1,
    /// SamplesPerPixel 1.
    static func checkPixelModule(_ e: PixelEncoding, path: String) throws {
        guard e.bitsAllocated == 8 || e.bitsAllocated == 16 else {
            throw fail(path, "BitsAllocated \(e.bitsAllocated): a CT image has 8 or 16")
        }
        guard (1...e.bitsAllocated).contains(e.bitsStored) else {
            throw fail(path, "BitsStored \(e.bitsStored) with BitsAllocated \(e.bitsAllocated): must be 1…\(e.bitsAllocated)")
        }
        guard (e.bitsStored - 1..<e.bitsAllocated).contains(e.highBit) else {
            throw fail(path, "HighBit \(e.highBit) with BitsStored \(e.bitsStored) and BitsAllocated \(e.bitsAllocated): must be \(e.bitsStored - 1)…\(e.bitsAllocated - 1)")
        }
        guard e.pixelRepresentation == 0 || e.pixelRepresentation == 1 else {
            throw fail(path, "PixelRepresentation \(e.pixelRepresentation): must be 0 or 1")
        }
        guard e.samplesPerPixel == 1 else {
            throw fail(path, "SamplesPerPixel \(e.samplesPerPixel): not a greyscale CT image")
        }
    }

    /// Rows × Columns × frames against the limits and, for native (uncompressed) Pixel Data,
    /// against the data's length, before anything is allocated. `transferSyntax`: the file's
    /// transfer syntax UID (read once per file by the caller).
    static func checkSize(rows: Int, columns: Int, frames: Int, bitsAllocated: Int, file: DICOMFile,
                          transferSyntax: String) throws {
        guard (1...HeaderLimits.maxFrames).contains(frames) else {
            throw fail(file.path, "NumberOfFrames \(frames) is outside 1…\(HeaderLimits.maxFrames)")
        }
        let (voxels, overflow) = (rows * columns).multipliedReportingOverflow(by: frames)
        guard !overflow, voxels <= HeaderLimits.maxVoxelsPerFile else {
            throw fail(file.path, "Rows \(rows) × Columns \(columns) × \(frames) frame(s) exceeds \(HeaderLimits.maxVoxelsPerFile) voxels per file")
        }
        let length = file.pixelDataLength
        guard length >= 0, !TransferSyntax.isEncapsulated(transferSyntax) else { return }
        let needed = bitsAllocated == 1 ? (voxels + 7) / 8 : voxels * (bitsAllocated / 8)
        guard length >= needed else {
            throw fail(file.path, "Pixel Data holds \(length) bytes, fewer than Rows \(rows) × Columns \(columns) × \(frames) frame(s) × \(bitsAllocated / 8) byte(s) = \(needed)")
        }
    }

    /// Geometry and Modality LUT of one plane (every frame of an Enhanced CT image).
    static func checkPlane(_ p: PlaneHeader) throws {
        if let ipp = p.imagePositionPatient {
            let values = [ipp.x, ipp.y, ipp.z]
            guard values.allSatisfy({ $0.isFinite && abs($0) <= HeaderLimits.maxCoordinateMM }) else {
                throw fail(p.path, "ImagePositionPatient \(values.map(describe).joined(separator: "\\"))\(frameText(p)) is not a position within ±\(Int(HeaderLimits.maxCoordinateMM)) mm")
            }
        }
        if let iop = p.imageOrientationPatient {
            let text = iop.map(describe).joined(separator: "\\")
            guard iop.allSatisfy(\.isFinite) else { throw fail(p.path, "ImageOrientationPatient \(text)\(frameText(p)) is not finite") }
            let row = PatientPoint(iop[0], iop[1], iop[2]), column = PatientPoint(iop[3], iop[4], iop[5])
            let tol = HeaderLimits.orientationTolerance
            guard abs(row.length - 1) <= tol, abs(column.length - 1) <= tol, abs(row.dot(column)) <= tol else {
                throw fail(p.path, "ImageOrientationPatient \(text)\(frameText(p)): the row and column direction cosines must be orthogonal unit vectors (PS3.3 C.7.6.2.1.1)")
            }
        }
        if let spacing = p.pixelSpacing {
            guard spacing.allSatisfy({ HeaderLimits.pixelSpacingMM.contains($0) }) else {
                throw fail(p.path, "PixelSpacing \(spacing.map(describe).joined(separator: "\\"))\(frameText(p)) is outside \(HeaderLimits.pixelSpacingMM.lowerBound)…\(Int(HeaderLimits.pixelSpacingMM.upperBound)) mm")
            }
        }
        let e = p.encoding
        guard e.rescaleSlope.isFinite, e.rescaleSlope != 0 else {
            throw fail(p.path, "RescaleSlope \(describe(e.rescaleSlope))\(frameText(p)) is not a finite, non-zero number")
        }
        guard e.rescaleIntercept.isFinite else {
            throw fail(p.path, "RescaleIntercept \(describe(e.rescaleIntercept))\(frameText(p)) is not a finite number")
        }
        let bits = max(1, min(e.bitsStored, 16))
        let low = e.pixelRepresentation == 1 ? -Double(1 << (bits - 1)) : 0
        let high = e.pixelRepresentation == 1 ? Double((1 << (bits - 1)) - 1) : Double((1 << bits) - 1)
        let extremes = [low * e.rescaleSlope + e.rescaleIntercept, high * e.rescaleSlope + e.rescaleIntercept]
        guard extremes.allSatisfy({ abs($0) <= HeaderLimits.maxAbsHU }) else {
            throw fail(p.path, "RescaleSlope \(describe(e.rescaleSlope)) and RescaleIntercept \(describe(e.rescaleIntercept))\(frameText(p)) map stored values to \(extremes.map(describe).joined(separator: "…")), beyond ±\(Int(HeaderLimits.maxAbsHU)) HU")
        }
    }

    private static func frameText(_ p: PlaneHeader) -> String {
        p.sopClassUID == SOPClass.ctImage ? "" : " (frame \(p.frame + 1))"
    }

    /// A positive length attribute (SliceThickness, SpacingBetweenSlices) in (0, 1000] mm, or nil:
    /// an unusable value counts as absent (it then cannot stand in for a plane gap).
    static func positiveLength(_ value: Double?) -> Double? {
        guard let value, value.isFinite, value > 0, value <= 1000 else { return nil }
        return value
    }
}

extension HeaderLimits {
    /// Most points one RTSTRUCT contour may have (a 512² plane's outline has a few thousand).
    public static let maxContourPoints = 1_000_000
}

extension HeaderValidation {
    /// Patient coordinates of an ROI object (ContourData, a SEG frame's ImagePositionPatient):
    /// finite and within ±``HeaderLimits/maxCoordinateMM``; `what` names where they come from.
    static func checkCoordinates(_ values: [Double], path: String, what: String) throws {
        if let bad = values.first(where: { !$0.isFinite }) {
            throw fail(path, "\(what) contains \(describe(bad)): not a finite coordinate")
        }
        if let far = values.first(where: { abs($0) > HeaderLimits.maxCoordinateMM }) {
            throw fail(path, "\(what) contains \(describe(far)) mm, beyond ±\(Int(HeaderLimits.maxCoordinateMM)) mm")
        }
    }
}

extension HeaderValidation {
    /// A SEG frame's functional-group geometry: coordinates finite and in range, PixelSpacing
    /// within ``HeaderLimits/pixelSpacingMM``.
    static func checkFrameGeometry(position: [Double]?, orientation: [Double]?, spacing: [Double]?, path: String, frame: Int) throws {
        if let position { try checkCoordinates(position, path: path, what: "frame \(frame + 1) ImagePositionPatient") }
        if let orientation { try checkCoordinates(orientation, path: path, what: "frame \(frame + 1) ImageOrientationPatient") }
        if let spacing, !spacing.allSatisfy({ HeaderLimits.pixelSpacingMM.contains($0) }) {
            throw fail(path, "frame \(frame + 1) PixelSpacing \(spacing.map(describe).joined(separator: "\\")) is outside "
                + "\(HeaderLimits.pixelSpacingMM.lowerBound)…\(Int(HeaderLimits.pixelSpacingMM.upperBound)) mm")
        }
    }
}
