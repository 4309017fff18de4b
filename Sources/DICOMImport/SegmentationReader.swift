import VolumeModel

/// Reads a DICOM Segmentation (PS3.3 A.51, C.8.20) through DCMTK into a ``SegmentationObject``.
public enum SegmentationReader {
    /// Reads the SEG at `path`: its segments, every frame with its functional groups (per-frame
    /// items first, then the shared item, PS3.3 C.7.6.16) and its unpacked pixel values.
    /// - Throws: ``DICOMError`` naming the file: `.notDICOM`/`.unreadable` when DCMTK cannot read
    ///   it; `.missingAttribute` when it is not a SEG, lacks SegmentSequence, Rows/Columns,
    ///   NumberOfFrames or a frame's ReferencedSegmentNumber, when PerFrameFunctionalGroupsSequence
    ///   does not hold one item per frame, or when a frame names a segment that is not defined;
    ///   `.unreadable` when Pixel Data is shorter than the frames need (truncated).
    public static func read(path: String) throws -> SegmentationObject {
        let file = try DICOMFile(path: path, headersOnly: false)
        func fail(_ why: String) -> DICOMError { DICOMError(.missingAttribute, path: path, why) }
        let sopClass = file.string(DICOMTag.sopClassUID) ?? file.string(DICOMTag.mediaStorageSOPClassUID)
        guard sopClass == SOPClass.segmentation else { throw fail("not a DICOM Segmentation (SOP class \(sopClass ?? "absent"))") }
        guard let rows = file.int(DICOMTag.rows), let columns = file.int(DICOMTag.columns), rows > 0, columns > 0 else {
            throw fail("SEG without valid Rows/Columns")
        }
        guard rows <= HeaderLimits.maxMatrix, columns <= HeaderLimits.maxMatrix else {
            throw DICOMError(.invalidValue, path: path, "SEG of Rows \(rows) × Columns \(columns): more than \(HeaderLimits.maxMatrix)")
        }
        let segments = try readSegments(file)
        let valueType = try readValueType(file)
        let frameCount = file.int(DICOMTag.numberOfFrames) ?? 0
        guard frameCount > 0 else { throw fail("SEG without NumberOfFrames") }
        let perFrame = file.itemCount("PerFrameFunctionalGroupsSequence")
        guard perFrame == frameCount else {
            throw fail("PerFrameFunctionalGroupsSequence has \(perFrame) items for NumberOfFrames \(frameCount)")
        }
        let pixelsPerFrame = rows * columns
        let (voxels, overflow) = pixelsPerFrame.multipliedReportingOverflow(by: frameCount)
        guard frameCount <= HeaderLimits.maxFrames * 16, !overflow, voxels <= HeaderLimits.maxVoxelsPerFile else {
            throw DICOMError(.invalidValue, path: path,
                             "SEG of \(frameCount) frame(s) of \(rows)x\(columns) exceeds \(HeaderLimits.maxVoxelsPerFile) voxels")
        }
        let bitsPerFrame = valueType == .binary ? pixelsPerFrame : pixelsPerFrame * 8
        let byteCount = (bitsPerFrame * frameCount + 7) / 8
        // Against the data's length before the buffer is allocated (uncompressed Pixel Data).
        let stored = file.pixelDataLength
        if stored >= 0, !TransferSyntax.isEncapsulated(file.transferSyntaxUID), stored < byteCount {
            throw DICOMError(.unreadable, path: path,
                             "Pixel Data does not hold \(frameCount) frames of \(rows)x\(columns) (\(byteCount) bytes): it holds \(stored) (checked before allocating)")
        }
        let bytes: [UInt8]
        do { bytes = try file.pixelBytes(count: byteCount) } catch let error as DICOMError {
            throw DICOMError(.unreadable, path: path,
                             "Pixel Data does not hold \(frameCount) frames of \(rows)x\(columns) (\(byteCount) bytes): \(error.message)")
        }
        let numbers = Set(segments.map(\.number))
        var frames: [SegmentationObject.Frame] = []
        frames.reserveCapacity(frameCount)
        for f in 0..<frameCount {
            let item = "PerFrameFunctionalGroupsSequence[\(f)]"
            let position = group(file, f, "PlanePositionSequence", "ImagePositionPatient")
            let orientation = group(file, f, "PlaneOrientationSequence", "ImageOrientationPatient")
            let spacing = group(file, f, "PixelMeasuresSequence", "PixelSpacing")
            try HeaderValidation.checkFrameGeometry(position: position, orientation: orientation, spacing: spacing,
                                                    path: path, frame: f)
            guard let segment = file.int("\(item).SegmentIdentificationSequence[0].ReferencedSegmentNumber") else {
                throw fail("frame \(f + 1) has no SegmentIdentificationSequence ReferencedSegmentNumber")
            }
            guard numbers.contains(segment) else { throw fail("frame \(f + 1) refers to segment \(segment), which SegmentSequence does not define") }
            let values = valueType == .binary
                ? BitUnpacking.unpack(bytes, bitOffset: f * pixelsPerFrame, count: pixelsPerFrame)
                : Array(bytes[(f * pixelsPerFrame)..<((f + 1) * pixelsPerFrame)])
            frames.append(SegmentationObject.Frame(
                segmentNumber: segment,
                referencedSOPInstanceUID: file.string("\(item).DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID"),
                imagePositionPatient: position.flatMap(point),
                imageOrientationPatient: orientation.flatMap { $0.count == 6 ? $0 : nil },
                pixelSpacing: spacing.flatMap { $0.count == 2 ? SIMD2($0[0], $0[1]) : nil },
                values: values))
        }
        var referencedSeries: [String] = []
        for i in 0..<file.itemCount("ReferencedSeriesSequence") {
            if let uid = file.string("ReferencedSeriesSequence[\(i)].SeriesInstanceUID") { referencedSeries.append(uid) }
        }
        let spacing = group(file, 0, "PixelMeasuresSequence", "SpacingBetweenSlices")?.first
            ?? group(file, 0, "PixelMeasuresSequence", "SliceThickness")?.first
        return SegmentationObject(
            file: path, frameOfReferenceUID: file.string(DICOMTag.frameOfReferenceUID),
            referencedSeriesUIDs: referencedSeries, rows: rows, columns: columns, valueType: valueType,
            sliceSpacing: spacing.flatMap { $0 > 0 ? $0 : nil }, segments: segments, frames: frames)
    }

    /// SegmentSequence (0062,0002): number and label of every segment (C.8.20.2).
    private static func readSegments(_ file: DICOMFile) throws -> [SegmentationObject.Segment] {
        let count = file.itemCount("SegmentSequence")
        guard count > 0 else { throw DICOMError(.missingAttribute, path: file.path, "SEG without SegmentSequence") }
        var segments: [SegmentationObject.Segment] = []
        for i in 0..<count {
            guard let number = file.int("SegmentSequence[\(i)].SegmentNumber") else {
                throw DICOMError(.missingAttribute, path: file.path, "segment item \(i + 1) has no SegmentNumber")
            }
            let label = file.string("SegmentSequence[\(i)].SegmentLabel") ?? "segment \(number)"
            segments.append(.init(number: number, label: label))
        }
        return segments
    }

    /// SegmentationType (0062,0001) with BitsAllocated: BINARY is 1 bit, FRACTIONAL 8 bits (C.8.20.2).
    private static func readValueType(_ file: DICOMFile) throws -> SegmentationObject.ValueType {
        let type = file.string("0062,0001")?.uppercased() ?? ""
        let bits = file.int(DICOMTag.bitsAllocated)
        switch (type, bits) {
        case ("BINARY", 1): return .binary
        case ("FRACTIONAL", 8):
            let maximum = file.int("0062,000E") ?? 255
            guard maximum > 0 else { throw DICOMError(.missingAttribute, path: file.path, "FRACTIONAL SEG with MaximumFractionalValue \(maximum)") }
            return .fractional(maximum: maximum)
        default:
            throw DICOMError(.missingAttribute, path: file.path,
                             "SegmentationType \(type.isEmpty ? "absent" : type) with BitsAllocated \(bits.map(String.init) ?? "absent") is not BINARY/1 or FRACTIONAL/8")
        }
    }

    private static func group(_ file: DICOMFile, _ frame: Int, _ macro: String, _ keyword: String) -> [Double]? {
        for path in DICOMTag.functionalGroupPaths(frame: frame, macro: macro, keyword: keyword) {
            if let values = file.doubles(path) { return values }
        }
        return nil
    }

    private static func point(_ v: [Double]) -> PatientPoint? { v.count == 3 ? PatientPoint(v[0], v[1], v[2]) : nil }
}

/// Single-bit pixel data (PS3.5 §8.1.1): pixels are packed continuously, across frame
/// boundaries, the first pixel in the least significant bit of the first byte.
enum BitUnpacking {
    /// `count` pixel values (0 or 1) starting at bit `bitOffset` of `bytes`.
    static func unpack(_ bytes: [UInt8], bitOffset: Int, count: Int) -> [UInt8] {
        var values = [UInt8](repeating: 0, count: count)
        for i in 0..<count {
            let bit = bitOffset + i
            values[i] = (bytes[bit >> 3] >> UInt8(bit & 7)) & 1
        }
        return values
    }
}
