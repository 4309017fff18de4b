import Dispatch
import Foundation
import VolumeModel

/// One stack of parallel CT planes of a series, sorted along the slice normal, with what was
/// noticed while assembling it. Pixel data is decoded only on request (``loadVolume(planes:)``).
public struct ImageStack: Sendable {
    public let seriesInstanceUID: String
    public let geometry: StackGeometry
    /// Plane headers in stack order (ascending position along the normal).
    public let planes: [PlaneHeader]
    /// Problems found, each `code: message` with Docs/Outputs.md's warning codes.
    public var warnings: [String]

    /// The first plane's header: study, series, patient and protocol attributes of the stack.
    public var reference: PlaneHeader { planes[0] }

    /// Distinct transfer syntax UIDs of the planes.
    public var transferSyntaxes: [String] { Array(Set(planes.map(\.transferSyntaxUID))).sorted() }

    /// Decodes the given planes (all when nil) in parallel across cores and converts them to HU.
    /// - Throws: ``DICOMError`` naming the first file that cannot be decoded (truncated data,
    ///   JPEG 2000, unsupported BitsAllocated).
    public func loadVolume(planes wanted: [Int]? = nil) throws -> HUVolume {
        let (volume, failures) = decodePlanes(wanted)
        if let first = failures.keys.min(), let error = failures[first] { throw error }
        return volume
    }

    /// Decodes what can be decoded: the volume with every plane that succeeded, and the error of
    /// each plane that did not (so one broken file costs only the lesions that touch it).
    public func decodePlanes(_ wanted: [Int]? = nil) -> (volume: HUVolume, failures: [Int: DICOMError]) {
        decodePlanes(wanted, reader: .direct)
    }

    /// The most workers ``decodePlanes(_:visit:)`` runs at once (its `worker` argument is below it).
    public static var decodeWorkerLimit: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// ``decodePlanes(_:)`` that hands each plane to `visit` on the worker that decoded it, the moment
    /// it is decoded (its HU still in that core's cache), and keeps it in the returned volume only when
    /// `visit` returns true. A caller that measures planes as they arrive and keeps none reads a
    /// series of any length in the memory of a few planes, and the measuring overlaps the reading of
    /// the other planes (issue 16, step 2).
    /// - Parameter visit: called once per decoded plane with the worker's index
    ///   (`0 ..< decodeWorkerLimit`; one worker's calls never overlap), the plane's index in the stack
    ///   and the plane. Calls of different workers run concurrently.
    public func decodePlanes(
        _ wanted: [Int]?, visit: @escaping @Sendable (_ worker: Int, _ plane: Int, _ hu: HUPlane) -> Bool
    ) -> (volume: HUVolume, failures: [Int: DICOMError]) {
        decodePlanes(wanted, reader: .direct, visit: visit)
    }

    /// How stored words are read: straight from the file where the header scan found uncompressed
    /// Pixel Data (``DirectPixelReader``), or always through DCMTK (the reference).
    enum PixelReader { case direct, dcmtk }

    /// ``decodePlanes(_:)`` with a choice of reader. One worker per core takes file after file and
    /// reuses one buffer of stored words for all of them.
    func decodePlanes(
        _ wanted: [Int]?, reader: PixelReader, visit: (@Sendable (Int, Int, HUPlane) -> Bool)? = nil
    ) -> (volume: HUVolume, failures: [Int: DICOMError]) {
        let indices = (wanted ?? Array(0..<planes.count)).filter { $0 >= 0 && $0 < planes.count }
        var byFile: [String: [Int]] = [:]
        for k in indices { byFile[planes[k].path, default: []].append(k) }
        let jobs = byFile.sorted { $0.key < $1.key }
        let results = DecodeResults()
        let workers = max(1, min(jobs.count, Self.decodeWorkerLimit))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var words: [UInt16] = []
            let deliver = { (k: Int, plane: HUPlane) in
                if visit?(worker, k, plane) ?? true { results.store(plane, at: k) }
            }
            while let j = results.nextJob(below: jobs.count) {
                let (path, ks) = jobs[j]
                if reader == .direct, ks.allSatisfy({ DirectPixelReader.applies(to: planes[$0]) }) {
                    decodeDirect(path: path, planes: ks, words: &words, into: results, deliver: deliver)
                } else {
                    decodeThroughDCMTK(path: path, planes: ks, into: results, deliver: deliver)
                }
            }
        }
        // Used only for a one-plane stack, which SeriesAssembly builds only when one of them exists.
        let fallback = reference.scanProtocol.sliceThicknessMM ?? reference.spacingBetweenSlices ?? 1
        return (HUVolume(geometry: geometry, planes: results.planes, singlePlaneExtent: fallback), results.failures)
    }

    private func decodeDirect(
        path: String, planes ks: [Int], words: inout [UInt16], into results: DecodeResults, deliver: (Int, HUPlane) -> Void
    ) {
        let file: DirectPixelReader.OpenFile
        do { file = try DirectPixelReader.OpenFile(path: path) } catch {
            for k in ks { results.fail(k, error) }
            return
        }
        for k in ks {
            let header = planes[k]
            do {
                try DirectPixelReader.readFrame(header, from: file, into: &words)
                let plane = words.withUnsafeBufferPointer { w in
                    ModalityTransform.huPlane(words: w, rows: header.rows, columns: header.columns, encoding: header.encoding)
                }
                deliver(k, plane)
            } catch {
                results.fail(k, error)
            }
        }
    }

    private func decodeThroughDCMTK(path: String, planes ks: [Int], into results: DecodeResults, deliver: (Int, HUPlane) -> Void) {
        let file: DICOMFile
        do { file = try DICOMFile(path: path, headersOnly: false) } catch {
            for k in ks { results.fail(k, error) }
            return
        }
        for k in ks {
            let header = planes[k]
            do {
                guard header.encoding.samplesPerPixel == 1 else {
                    throw DICOMError(.unreadable, path: path, "SamplesPerPixel \(header.encoding.samplesPerPixel): not a greyscale CT image")
                }
                let plane = try file.withFrameWords(header.frame, count: header.rows * header.columns) { words in
                    ModalityTransform.huPlane(words: words, rows: header.rows, columns: header.columns, encoding: header.encoding)
                }
                deliver(k, plane)
            } catch {
                results.fail(k, error)
            }
        }
    }
}

/// Collects decoded planes from concurrent workers.
private final class DecodeResults: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var planes: [Int: HUPlane] = [:]
    private(set) var failures: [Int: DICOMError] = [:]
    private var next = 0

    /// The next job for a worker, or nil when all `count` are taken.
    func nextJob(below count: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ plane: HUPlane, at k: Int) {
        lock.lock(); defer { lock.unlock() }
        planes[k] = plane
    }

    func fail(_ k: Int, _ error: Error) {
        lock.lock(); defer { lock.unlock() }
        failures[k] = error as? DICOMError ?? DICOMError(.unreadable, path: "", "\(error)")
    }
}
