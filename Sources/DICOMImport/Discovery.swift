import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything a header scan found under a path.
public struct DICOMIndex: Sendable {
    /// A file that could not be used, with the reason.
    public struct Problem: Sendable, Equatable {
        public let path: String
        public let message: String
    }

    /// A DICOM object that is neither CT nor SEG/RTSTRUCT.
    public struct OtherObject: Sendable {
        public let path: String
        public let sopClassUID: String
        public let modality: String?
    }

    /// The path that was scanned, as given.
    public var root: String
    /// CT plane headers grouped by SeriesInstanceUID (a missing UID groups under "").
    public var seriesPlanes: [String: [PlaneHeader]]
    public var roiObjects: [ROIObjectHeader]
    public var otherObjects: [OtherObject]
    /// Sphere/box ROI files (`rois.json`, `*.rois.json`).
    public var roiManifests: [String]
    /// Files that are not DICOM (skipped and counted).
    public var skippedFiles: [String]
    /// DICOM files that cannot be read (truncated, corrupt), with DCMTK's reason.
    public var unreadableFiles: [Problem]

    /// SeriesInstanceUIDs in a stable order (patient, study date/time, series number, UID).
    public var seriesUIDs: [String] {
        seriesPlanes.keys.sorted { a, b in
            let x = seriesPlanes[a]?.first, y = seriesPlanes[b]?.first
            let kx = (x?.patientID ?? "", x?.studyDate ?? "", x?.studyTime ?? "", x?.seriesNumber ?? 0)
            let ky = (y?.patientID ?? "", y?.studyDate ?? "", y?.studyTime ?? "", y?.seriesNumber ?? 0)
            return kx != ky ? kx < ky : a < b
        }
    }
}

/// Finds DICOM files under a folder (recursively, any file names, no extension needed) and reads
/// their headers in parallel, stopping before Pixel Data.
public enum Discovery {
    /// Scans `path` (a folder, or a single file).
    /// - Throws: ``DICOMError`` `.unreadable` when `path` does not exist.
    public static func index(_ path: String) throws -> DICOMIndex {
        let files = try listFiles(path)
        var index = DICOMIndex(root: path, seriesPlanes: [:], roiObjects: [], otherObjects: [], roiManifests: [],
                               skippedFiles: [], unreadableFiles: [])
        var candidates: [String] = []
        for f in files {
            let name = (f as NSString).lastPathComponent
            if name == "rois.json" || name.hasSuffix(".rois.json") { index.roiManifests.append(f); continue }
            if name.uppercased() == "DICOMDIR" { continue }  // a directory record; the files themselves are scanned
            candidates.append(f)
        }
        let results = ScanResults(count: candidates.count)
        let toScan = candidates
        DispatchQueue.concurrentPerform(iterations: toScan.count) { i in
            results.set(i, Result { try HeaderReader.scan(path: toScan[i]) })
        }
        for (i, result) in results.all.enumerated() {
            switch result {
            case .success(.ctImage(let planes)):
                for p in planes { index.seriesPlanes[p.seriesInstanceUID ?? "", default: []].append(p) }
            case .success(.roiObject(let roi)): index.roiObjects.append(roi)
            case .success(.otherDICOM(let p, let sop, let modality)):
                if sop != SOPClass.mediaStorageDirectory {
                    index.otherObjects.append(.init(path: p, sopClassUID: sop, modality: modality))
                }
            case .failure(let error as DICOMError) where error.kind == .notDICOM:
                index.skippedFiles.append(candidates[i])
            case .failure(let error as DICOMError):
                index.unreadableFiles.append(.init(path: candidates[i], message: error.message))
            case .failure(let error):
                index.unreadableFiles.append(.init(path: candidates[i], message: "\(error)"))
            case .none:
                index.unreadableFiles.append(.init(path: candidates[i], message: "not scanned"))
            }
        }
        return index
    }

    /// Reads one file's header (stopping before Pixel Data) and says what it is.
    /// - Throws: ``DICOMError`` `.notDICOM` or `.unreadable`, naming the file.
    public static func scan(file path: String) throws -> ScannedFile {
        try HeaderReader.scan(path: path)
    }

    /// Regular files under `path`, sorted; `path` itself when it is a file.
    static func listFiles(_ path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DICOMError(.unreadable, path: path, "no such file or folder")
        }
        guard isDirectory.boolValue else { return [path] }
        guard let walker = FileManager.default.enumerator(atPath: path) else {
            throw DICOMError(.unreadable, path: path, "cannot list the folder")
        }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            let full = (path as NSString).appendingPathComponent(relative)
            // stat(2), following symbolic links like FileManager.fileExists(atPath:isDirectory:), at a
            // fraction of its cost (this loop is the serial part of a header scan).
            var info = stat()
            if stat(full, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR,
               !(relative as NSString).lastPathComponent.hasPrefix(".") {
                files.append(full)
            }
        }
        return files.sorted()
    }
}

/// Per-file results written by concurrent workers.
private final class ScanResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<ScannedFile, Error>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ r: Result<ScannedFile, Error>) {
        lock.lock(); defer { lock.unlock() }
        results[i] = r
    }

    var all: [Result<ScannedFile, Error>?] {
        lock.lock(); defer { lock.unlock() }
        return results
    }
}
