@testable import DICOMImport
import Testing
import VolumeModel

/// ModalityTransform against a plain per-voxel reference written from the standard's words
/// (PS3.5 §8.1.1 masking, PS3.3 C.7.6.3.1 sign extension, C.7.5.1.1.2 padding, C.11.1.1.2 rescale),
/// on every possible 16-bit word, so that the one-pass integer path and the general path agree
/// with it on every encoding they handle.
@Suite("Modality transform: every stored word")
struct ModalityTransformTests {
    static let allWords = (0...0xFFFF).map { UInt16($0) }

    static func encoding(bitsStored: Int, highBit: Int, signed: Bool, slope: Double = 1, intercept: Double = 0,
                         padding: Int? = nil, paddingLimit: Int? = nil) -> PixelEncoding {
        PixelEncoding(bitsAllocated: 16, bitsStored: bitsStored, highBit: highBit, pixelRepresentation: signed ? 1 : 0,
                      samplesPerPixel: 1, photometricInterpretation: "MONOCHROME2", rescaleSlope: slope,
                      rescaleIntercept: intercept, rescaleType: nil, pixelPaddingValue: padding, pixelPaddingRangeLimit: paddingLimit)
    }

    /// The stored value of `word`: bits highBit−bitsStored+1 … highBit, two's complement if signed.
    static func stored(_ word: UInt16, _ e: PixelEncoding) -> Int {
        let low = e.highBit - e.bitsStored + 1
        var v = (Int(word) >> low) & ((1 << e.bitsStored) - 1)
        if e.pixelRepresentation == 1, v >= 1 << (e.bitsStored - 1) { v -= 1 << e.bitsStored }
        return v
    }

    static let cases: [PixelEncoding] = [
        encoding(bitsStored: 16, highBit: 15, signed: true, intercept: -1024),          // the usual CT
        encoding(bitsStored: 16, highBit: 15, signed: false, intercept: -1024),         // unsigned: HU beyond Int16 → Double
        encoding(bitsStored: 12, highBit: 11, signed: false, intercept: -1024),
        encoding(bitsStored: 12, highBit: 11, signed: true),
        encoding(bitsStored: 12, highBit: 15, signed: true, slope: 2, intercept: -3),   // value in the high bits
        encoding(bitsStored: 16, highBit: 15, signed: true, slope: -1, intercept: 7),
        encoding(bitsStored: 16, highBit: 15, signed: true, slope: 0.5, intercept: -1024),
        encoding(bitsStored: 16, highBit: 15, signed: true, padding: -2000),
        encoding(bitsStored: 16, highBit: 15, signed: false, intercept: -32768, padding: 0, paddingLimit: 10),
        encoding(bitsStored: 16, highBit: 15, signed: true, intercept: -1024, padding: -32768, paddingLimit: -31000),  // padding clamps
    ]

    @Test("HU, storage kind and padding equal the reference", arguments: cases)
    func everyWord(_ e: PixelEncoding) {
        let plane = ModalityTransform.huPlane(words: Self.allWords, rows: 256, columns: 256, encoding: e)
        let stored = Self.allWords.map { Self.stored($0, e) }
        let lo = e.pixelPaddingValue.map { min($0, e.pixelPaddingRangeLimit ?? $0) }
        let hi = e.pixelPaddingValue.map { max($0, e.pixelPaddingRangeLimit ?? $0) }
        let isPadding = stored.map { v in lo.map { v >= $0 && v <= hi! } ?? false }
        let exact = stored.map { Double($0) * e.rescaleSlope + e.rescaleIntercept }
        let integral = e.rescaleSlope == e.rescaleSlope.rounded() && e.rescaleIntercept == e.rescaleIntercept.rounded()
        let fits = zip(exact, isPadding).allSatisfy { hu, pad in pad || (hu >= -32768 && hu <= 32767) }
        #expect((plane.padding ?? []) == (isPadding.contains(true) ? isPadding.map { $0 ? 1 : 0 } : []))
        switch plane.storage {
        case .int16(let values):
            #expect(integral && fits)
            for i in 0..<values.count where !isPadding[i] && Double(values[i]) != exact[i] {
                Issue.record("word \(i): \(values[i]) HU, expected \(exact[i])")
                break
            }
        case .float64(let values):
            #expect(!(integral && fits))
            #expect(values == exact)
        }
    }
}
