internal import CDICOMBridge

/// Transfer syntax UIDs (PS3.5 §10, Annex A) the product reads and its fixture writer writes.
public enum TransferSyntax {
    public static let implicitVRLittleEndian = "1.2.840.10008.1.2"
    public static let explicitVRLittleEndian = "1.2.840.10008.1.2.1"
    public static let deflatedExplicitVRLittleEndian = "1.2.840.10008.1.2.1.99"
    public static let explicitVRBigEndian = "1.2.840.10008.1.2.2"
    /// JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, Selection Value 1).
    public static let jpegLosslessSV1 = "1.2.840.10008.1.2.4.70"
    public static let jpegLSLossless = "1.2.840.10008.1.2.4.80"
    public static let rleLossless = "1.2.840.10008.1.2.5"

    /// Whether Pixel Data in `uid` is encapsulated (compressed fragments, PS3.5 A.4): every
    /// syntax except the native ones (implicit/explicit little endian, explicit big endian, deflated).
    public static func isEncapsulated(_ uid: String) -> Bool {
        ![implicitVRLittleEndian, explicitVRLittleEndian, explicitVRBigEndian, deflatedExplicitVRLittleEndian].contains(uid)
    }
}

/// Writes a new DICOM file through DCMTK (CDICOMBridge, whose one Swift owner is this module). Not
/// part of the product's public API: the fixture and bench writers reach it through the
/// SyntheticDICOM product (`DICOMWriter`), within this package only.
package final class DatasetWriter {
    private let handle: OpaquePointer

    /// - Throws: ``DICOMError`` when DCMTK cannot allocate the dataset.
    package init() throws {
        guard let h = CDICOMBridge_writer_create() else { throw DICOMError(.unreadable, path: "", "DCMTK cannot create a dataset") }
        handle = h
    }

    deinit { CDICOMBridge_writer_destroy(handle) }

    /// Sets the attribute at `tagPath` ("GGGG,EEEE", or a keyword path such as
    /// "SharedFunctionalGroupsSequence[0].PixelMeasuresSequence[0].PixelSpacing") from DICOM text
    /// (multiple values separated by `\`).
    package func set(_ tagPath: String, _ value: String) throws {
        var message = [CChar](repeating: 0, count: 256)
        try DICOMFile.check(CDICOMBridge_writer_put_string(handle, tagPath, value, &message, message.count), path: tagPath, message: message)
    }

    /// Sets Pixel Data (OW) to 16-bit stored words, all frames in order.
    package func setPixelWords(_ words: [UInt16]) throws {
        var message = [CChar](repeating: 0, count: 256)
        let status = words.withUnsafeBufferPointer { CDICOMBridge_writer_put_pixels_u16(handle, $0.baseAddress, $0.count, &message, message.count) }
        try DICOMFile.check(status, path: "PixelData", message: message)
    }

    /// Sets Pixel Data (OB) to bytes (e.g. bit-packed SEG frames, PS3.5 §8.1.1).
    package func setPixelBytes(_ bytes: [UInt8]) throws {
        var message = [CChar](repeating: 0, count: 256)
        let status = bytes.withUnsafeBufferPointer { CDICOMBridge_writer_put_pixels_u8(handle, $0.baseAddress, $0.count, &message, message.count) }
        try DICOMFile.check(status, path: "PixelData", message: message)
    }

    /// Saves a Part 10 file (temporary name, then rename) in `transferSyntax`.
    package func save(to path: String, transferSyntax: String = TransferSyntax.explicitVRLittleEndian) throws {
        var message = [CChar](repeating: 0, count: 512)
        try DICOMFile.check(CDICOMBridge_writer_save(handle, path, transferSyntax, &message, message.count), path: path, message: message)
    }
}
