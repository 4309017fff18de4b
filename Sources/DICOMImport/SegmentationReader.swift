import VolumeModel

/// Reads a DICOM Segmentation (PS3.3 A.51, C.8.20) through DCMTK into a ``SegmentationObject``.
public enum SegmentationReader {
    /// Reads the SEG at `path`: its segments, every frame with its functional groups (per-frame
    /// items first, then the shared item, PS3.3 C.7.6.16: a single segment's
    /// SegmentIdentificationSequence may sit in the shared item) and its unpacked pixel values.
    /// A Label Map SEG (SOP class 1.2.840.10008.5.1.4.1.1.66.7, SegmentationType LABELMAP, 8 or 16
    /// bits) holds segment numbers as pixel values; each of its frames becomes one binary frame per
    /// segment present in it (0 and values that SegmentSequence does not define are background; a
    /// segment numbered 0, as highdicom writes the background, is not a lesion).
    /// - Throws: ``DICOMError`` naming the file: `.notDICOM`/`.unreadable` when DCMTK cannot read
    ///   it; `.missingAttribute` when it is not a SEG, lacks SegmentSequence, Rows/Columns,
    ///   NumberOfFrames or a frame's ReferencedSegmentNumber, when PerFrameFunctionalGroupsSequence
    ///   does not hold one item per frame, or when a frame names a segment that is not defined;
    ///   `.unreadable` when Pixel Data is shorter than the frames need (truncated).
    public static func read(path: String) throws -> SegmentationObject {
        let file = try DICOMFile(path: path, headersOnly: false)
        func fail(_ why: String) -> DICOMError { DICOMError(.missingAttribute, path: path, why) }
        let sopClass = file.string(DICOMTag.sopClassUID) ?? file.string(DICOMTag.mediaStorageSOPClassUID)
        guard let sopClass, SOPClass.isSegmentation(sopClass) else {
            throw fail("not a DICOM Segmentation (SOP class \(sopClass ?? "absent"))")
        }
        guard let rows = file.int(DICOMTag.rows), let columns = file.int(DICOMTag.columns), rows > 0, columns > 0 else {
            throw fail("SEG without valid Rows/Columns")
        }
        guard rows <= HeaderLimits.maxMatrix, columns <= HeaderLimits.maxMatrix else {
            throw DICOMError(.invalidValue, path: path, "SEG of Rows \(rows) × Columns \(columns): more than \(HeaderLimits.maxMatrix)")
        }
        let pixels = try readValueType(file, labelMap: sopClass == SOPClass.labelMapSegmentation)
        var segments = try readSegments(file)
        if case .labelMap = pixels {
            // Pixel value 0 is the background; highdicom lists it as segment 0 ("Background").
            segments.removeAll { $0.number == 0 }
            guard !segments.isEmpty else { throw fail("Label Map SEG whose SegmentSequence defines only the background (0)") }
        }
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
        let numbers = Set(segments.map(\.number))
        let groups = FunctionalGroups(file: file)
        var frames: [SegmentationObject.Frame] = []
        frames.reserveCapacity(frameCount)
        let values = try FrameValues(file, pixels: pixels, frames: frameCount, pixelsPerFrame: pixelsPerFrame, rows: rows, columns: columns)
        for f in 0..<frameCount {
            let position = groups.doubles(frame: f, "PlanePositionSequence", "ImagePositionPatient")
            let orientation = groups.doubles(frame: f, "PlaneOrientationSequence", "ImageOrientationPatient")
            let spacing = groups.doubles(frame: f, "PixelMeasuresSequence", "PixelSpacing")
            try HeaderValidation.checkFrameGeometry(position: position, orientation: orientation, spacing: spacing,
                                                    path: path, frame: f)
            func frame(_ segment: Int, _ values: [UInt8]) -> SegmentationObject.Frame {
                SegmentationObject.Frame(
                    segmentNumber: segment,
                    referencedSOPInstanceUID: groups.string(frame: f, "DerivationImageSequence", "SourceImageSequence[0].ReferencedSOPInstanceUID"),
                    imagePositionPatient: position.flatMap(point),
                    imageOrientationPatient: orientation.flatMap { $0.count == 6 ? $0 : nil },
                    pixelSpacing: spacing.flatMap { $0.count == 2 ? SIMD2($0[0], $0[1]) : nil },
                    values: values)
            }
            if case .labelMap = pixels {
                for (segment, mask) in try values.labelMapFrame(f, segments: numbers) { frames.append(frame(segment, mask)) }
                continue
            }
            guard let segment = groups.int(frame: f, "SegmentIdentificationSequence", "ReferencedSegmentNumber") else {
                throw fail("frame \(f + 1) has no SegmentIdentificationSequence ReferencedSegmentNumber (neither per-frame nor shared)")
            }
            guard numbers.contains(segment) else { throw fail("frame \(f + 1) refers to segment \(segment), which SegmentSequence does not define") }
            frames.append(frame(segment, values.frame(f)))
        }
        var referencedSeries: [String] = []
        for i in 0..<file.itemCount("ReferencedSeriesSequence") {
            if let uid = file.string("ReferencedSeriesSequence[\(i)].SeriesInstanceUID") { referencedSeries.append(uid) }
        }
        let spacing = groups.doubles(frame: 0, "PixelMeasuresSequence", "SpacingBetweenSlices")?.first
            ?? groups.doubles(frame: 0, "PixelMeasuresSequence", "SliceThickness")?.first
        return SegmentationObject(
            file: path, frameOfReferenceUID: file.string(DICOMTag.frameOfReferenceUID),
            referencedSeriesUIDs: referencedSeries, rows: rows, columns: columns, valueType: pixels.valueType,
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

    /// How the stored pixels are laid out (SegmentationType with BitsAllocated, PS3.3 C.8.20.2).
    enum PixelLayout {
        case binary, fractional(maximum: Int), labelMap(bitsAllocated: Int)

        /// The values of the frames as ``SegmentationObject`` holds them (a label map's frames are binary).
        var valueType: SegmentationObject.ValueType {
            if case .fractional(let maximum) = self { return .fractional(maximum: maximum) }
            return .binary
        }
    }

    /// SegmentationType (0062,0001) with BitsAllocated: BINARY is 1 bit, FRACTIONAL 8 bits
    /// (C.8.20.2); LABELMAP (Label Map SEG only) 8 or 16 bits, unsigned.
    private static func readValueType(_ file: DICOMFile, labelMap: Bool) throws -> PixelLayout {
        let type = file.string("0062,0001")?.uppercased() ?? ""
        let bits = file.int(DICOMTag.bitsAllocated)
        switch (type, bits, labelMap) {
        case ("BINARY", 1, false): return .binary
        case ("FRACTIONAL", 8, false):
            let maximum = file.int("0062,000E") ?? 255
            guard maximum > 0 else { throw DICOMError(.missingAttribute, path: file.path, "FRACTIONAL SEG with MaximumFractionalValue \(maximum)") }
            return .fractional(maximum: maximum)
        case ("LABELMAP", 8, true), ("LABELMAP", 16, true):
            guard (file.int(DICOMTag.pixelRepresentation) ?? 0) == 0 else {
                throw DICOMError(.missingAttribute, path: file.path, "Label Map SEG with signed pixels (PixelRepresentation 1)")
            }
            return .labelMap(bitsAllocated: bits ?? 8)
        default:
            let expected = labelMap ? "LABELMAP/8 or LABELMAP/16 (Label Map SEG)" : "BINARY/1 or FRACTIONAL/8"
            throw DICOMError(.missingAttribute, path: file.path,
                             "SegmentationType \(type.isEmpty ? "absent" : type) with BitsAllocated \(bits.map(String.init) ?? "absent") is not \(expected)")
        }
    }

    private static func point(_ v: [Double]) -> PatientPoint? { v.count == 3 ? PatientPoint(v[0], v[1], v[2]) : nil }
}

/// The stored frames of a SEG, read once from Pixel Data and cut per frame.
private struct FrameValues {
    let path: String
    let pixels: SegmentationReader.PixelLayout
    let pixelsPerFrame: Int
    /// BINARY / FRACTIONAL / 8-bit label map: all stored bytes.
    var bytes: [UInt8] = []
    /// 16-bit label map: all stored words.
    var words: [UInt16] = []

    init(_ file: DICOMFile, pixels: SegmentationReader.PixelLayout, frames: Int, pixelsPerFrame: Int, rows: Int, columns: Int) throws {
        self.path = file.path
        self.pixels = pixels
        self.pixelsPerFrame = pixelsPerFrame
        let (total, overflow) = frames.multipliedReportingOverflow(by: pixelsPerFrame)
        guard !overflow, total <= 1 << 34 else {
            throw DICOMError(.unreadable, path: file.path, "\(frames) frames of \(rows)x\(columns) pixels is more than a SEG can hold")
        }
        let byteCount: Int
        switch pixels {
        case .binary: byteCount = (total + 7) / 8
        case .fractional, .labelMap(bitsAllocated: 8): byteCount = total
        case .labelMap: byteCount = total * 2
        }
        // Against the data's length before the buffer is allocated (uncompressed Pixel Data).
        let stored = file.pixelDataLength
        if stored >= 0, !TransferSyntax.isEncapsulated(file.transferSyntaxUID), stored < byteCount {
            throw DICOMError(.unreadable, path: file.path,
                             "Pixel Data does not hold \(frames) frames of \(rows)x\(columns) (\(byteCount) bytes): it holds \(stored) (checked before allocating)")
        }
        do {
            if case .labelMap(bitsAllocated: 16) = pixels {
                words.reserveCapacity(total)
                for f in 0..<frames { words += try file.frameWords(f, count: pixelsPerFrame) }
            } else {
                bytes = try file.pixelBytes(count: byteCount)
            }
        } catch let error as DICOMError {
            throw DICOMError(.unreadable, path: file.path,
                             "Pixel Data does not hold \(frames) frames of \(rows)x\(columns) (\(byteCount) bytes): \(error.message)")
        }
    }

    /// Frame `f`'s values (BINARY: 0/1; FRACTIONAL: as stored).
    func frame(_ f: Int) -> [UInt8] {
        if case .binary = pixels { return BitUnpacking.unpack(bytes, bitOffset: f * pixelsPerFrame, count: pixelsPerFrame) }
        return Array(bytes[(f * pixelsPerFrame)..<((f + 1) * pixelsPerFrame)])
    }

    /// Frame `f` of a label map as one 0/1 mask per segment number present in it (in increasing
    /// order); values outside `segments` are background.
    func labelMapFrame(_ f: Int, segments: Set<Int>) throws -> [(Int, [UInt8])] {
        let range = (f * pixelsPerFrame)..<((f + 1) * pixelsPerFrame)
        var masks: [Int: [UInt8]] = [:]
        func visit(_ i: Int, _ value: Int) {
            guard value != 0, segments.contains(value) else { return }
            masks[value, default: [UInt8](repeating: 0, count: pixelsPerFrame)][i] = 1
        }
        if words.isEmpty {
            for (i, v) in bytes[range].enumerated() where v != 0 { visit(i, Int(v)) }
        } else {
            for (i, v) in words[range].enumerated() where v != 0 { visit(i, Int(v)) }
        }
        return masks.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
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
