#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VolumeModel

/// Reads uncompressed 16-bit Pixel Data straight from its file, at the offset and length DCMTK's
/// header scan reported (``PixelDataLocation``), so each file is parsed once on the way to HU
/// (DESIGN.md, "Reading Pixel Data"). Compressed data, 8-bit data and values DCMTK kept in memory
/// have no location and go through DCMTK's decode (``DICOMFile/withFrameWords(_:count:_:)``), which
/// stays the reference this path is tested against.
enum DirectPixelReader {
    /// Whether frame `header.frame` can be read from its file directly.
    static func applies(to header: PlaneHeader) -> Bool {
        header.pixelDataLocation != nil && header.encoding.bitsAllocated == 16 && header.encoding.samplesPerPixel == 1
    }

    /// One file opened for reading; closed when it goes away.
    final class OpenFile {
        let path: String
        let descriptor: Int32
        /// The file's size in bytes when opened.
        let size: Int

        /// - Throws: ``DICOMError`` `.unreadable` naming the file when it cannot be opened.
        init(path: String) throws {
            self.path = path
            descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { throw DICOMError(.unreadable, path: path, "cannot open the file to read its Pixel Data") }
            var info = stat()
            guard fstat(descriptor, &info) == 0 else {
                close(descriptor)
                throw DICOMError(.unreadable, path: path, "cannot read the file's size")
            }
            size = Int(info.st_size)
        }

        deinit { close(descriptor) }
    }

    /// Reads frame `header.frame` (`header.rows × header.columns` stored words) into `words`
    /// (resized as needed; pass the same array for every frame of a worker to reuse its memory),
    /// after checking that the value and the file hold the whole frame.
    /// - Throws: ``DICOMError`` `.unreadable` naming the file when the Pixel Data value or the file
    ///   is shorter than the frame, or the read fails.
    static func readFrame(_ header: PlaneHeader, from file: OpenFile, into words: inout [UInt16]) throws {
        guard let location = header.pixelDataLocation else { preconditionFailure("no Pixel Data location") }
        let count = header.rows * header.columns, frameBytes = count * 2
        let start = header.frame * frameBytes
        guard start + frameBytes <= location.length, location.offset + start + frameBytes <= file.size else {
            throw DICOMError(.unreadable, path: file.path,
                             "Pixel Data is shorter than Rows x Columns x NumberOfFrames (truncated?)")
        }
        if words.count < count { words = [UInt16](repeating: 0, count: count) }
        try words.withUnsafeMutableBytes { raw in
            var done = 0
            while done < frameBytes {
                let n = pread(file.descriptor, raw.baseAddress! + done, frameBytes - done, off_t(location.offset + start + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw DICOMError(.unreadable, path: file.path, "reading Pixel Data failed (errno \(errno))") }
                done += n
            }
        }
        #if _endian(big)
        for i in 0..<count { words[i] = UInt16(littleEndian: words[i]) }
        #endif
    }
}
