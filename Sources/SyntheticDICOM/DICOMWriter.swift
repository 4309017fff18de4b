import DICOMImport

/// Writes a new DICOM file through DCMTK, for the project's synthetic fixtures (phantoms with known
/// HU, SEG, RTSTRUCT and REG objects), the fixture generator and the Benchmarks package — never by
/// hand-rolled encoders. The SyntheticDICOM product exists so that DICOMImport's public API reads
/// DICOM only (DESIGN.md: fixture and bench writers live in a product of their own).
public final class DICOMWriter {
    private let writer: DatasetWriter

    /// - Throws: ``DICOMError`` when DCMTK cannot allocate the dataset.
    public init() throws { writer = try DatasetWriter() }

    /// Sets the attribute at `tagPath` ("GGGG,EEEE", or a keyword path such as
    /// "SharedFunctionalGroupsSequence[0].PixelMeasuresSequence[0].PixelSpacing") from DICOM text
    /// (multiple values separated by `\`).
    /// - Throws: ``DICOMError`` naming the attribute when DCMTK refuses the value.
    public func set(_ tagPath: String, _ value: String) throws { try writer.set(tagPath, value) }

    /// Sets Pixel Data (OW) to 16-bit stored words, all frames in order.
    public func setPixelWords(_ words: [UInt16]) throws { try writer.setPixelWords(words) }

    /// Sets Pixel Data (OB) to bytes (e.g. bit-packed SEG frames, PS3.5 §8.1.1).
    public func setPixelBytes(_ bytes: [UInt8]) throws { try writer.setPixelBytes(bytes) }

    /// Saves a Part 10 file (temporary name, then rename) in `transferSyntax` (``TransferSyntax``).
    /// - Throws: ``DICOMError`` naming the path when the file cannot be encoded or written.
    public func save(to path: String, transferSyntax: String = TransferSyntax.explicitVRLittleEndian) throws {
        try writer.save(to: path, transferSyntax: transferSyntax)
    }
}
