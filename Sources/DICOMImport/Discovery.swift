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
    /// SEG/SR/REG objects LesionDensity wrote (Manufacturer `LesionDensity`): listed, never used.
    public var ownOutputs: [OtherObject] = []
    /// Sphere/box ROI files (`rois.json`, `*.rois.json`).
    public var roiManifests: [String]
    /// NIfTI/NRRD label maps (`*.nii`, `*.nii.gz`, `*.nrrd`, `*.nhdr`, by name); their label tables
    /// (`*.labels.json`) are not listed.
    public var labelMaps: [String] = []
    /// Files that are not DICOM (skipped and counted).
    public var skippedFiles: [String]
    /// DICOM files that cannot be read (truncated, corrupt), with DCMTK's reason.
    public var unreadableFiles: [Problem]
    /// Paths that are neither a regular file nor a folder (named pipes, devices, sockets): skipped
    /// without being opened, so a pipe never blocks a scan.
    public var nonRegularFiles: [String] = []

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
    /// Scans `path` (a folder, or a single file); folders in `excluding` (e.g. an `--out` folder
    /// inside the tree) are not walked.
    /// - Throws: ``DICOMError`` `.unreadable` when `path` does not exist.
    public static func index(_ path: String, excluding: [String] = []) throws -> DICOMIndex {
        try index(path, listing: listFiles(path, excluding: excluding))
    }

    /// Scans only the files directly in `folders` (paths relative to `root`, "." for `root` itself;
    /// sub-folders are not walked), as a shard of a written plan does (Docs/Cluster.md). A file's path
    /// is spelled as ``index(_:excluding:)`` of `root` spells it, so both scans agree file by file.
    /// - Throws: ``DICOMError`` `.unreadable` naming the folder when one cannot be listed.
    public static func index(_ root: String, folders: [String]) throws -> DICOMIndex {
        var listing = Listing()
        for relative in folders {
            let folder = relative == "." ? root : (root.hasSuffix("/") ? root + relative : root + "/" + relative)
            let part = try listFolder(folder)
            listing.files += part.files
            listing.nonRegular += part.nonRegular
        }
        listing.files.sort()
        listing.nonRegular.sort()
        return try index(root, listing: listing)
    }

    static func index(_ path: String, listing: Listing) throws -> DICOMIndex {
        let files = listing.files
        var index = DICOMIndex(root: path, seriesPlanes: [:], roiObjects: [], otherObjects: [], roiManifests: [],
                               skippedFiles: [], unreadableFiles: [], nonRegularFiles: listing.nonRegular)
        var candidates: [String] = []
        for f in files {
            let name = (f as NSString).lastPathComponent
            if name == "rois.json" || name.hasSuffix(".rois.json") { index.roiManifests.append(f); continue }
            let lower = name.lowercased()
            if [".nii", ".nii.gz", ".nrrd", ".nhdr"].contains(where: lower.hasSuffix) { index.labelMaps.append(f); continue }
            if lower.hasSuffix(".labels.json") { continue }  // a label map's label table
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
            case .success(.ownOutput(let p, let sop)): index.ownOutputs.append(.init(path: p, sopClassUID: sop, modality: nil))
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

    /// What a folder walk found: regular files, and paths that are neither file nor folder.
    struct Listing {
        var files: [String] = []
        var nonRegular: [String] = []
    }

    /// The regular files and non-regular entries directly in `folder` (not sorted; sub-folders and
    /// names starting with "." skipped, as ``listFiles(_:excluding:)`` does).
    /// - Throws: ``DICOMError`` `.unreadable` when `folder` cannot be listed.
    static func listFolder(_ folder: String) throws -> Listing {
        guard let entries = entries(of: folder) else { throw DICOMError(.unreadable, path: folder, "cannot list the folder") }
        var listing = Listing()
        for (name, full, info) in entries where !name.hasPrefix(".") {
            switch info.st_mode & S_IFMT {
            case S_IFDIR: continue
            case S_IFREG: listing.files.append(full)
            default: listing.nonRegular.append(full)
            }
        }
        return listing
    }

    /// The entries of `folder` (not "." and ".."), each with its path and stat(2), which follows
    /// symbolic links (a linked series folder is walked); a dangling link is left out. Nil when
    /// the folder cannot be opened.
    static func entries(of folder: String) -> [(name: String, path: String, info: stat)]? {
        guard let dir = opendir(folder) else { return nil }
        defer { closedir(dir) }
        var list: [(name: String, path: String, info: stat)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            let full = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var info = stat()
            guard stat(full, &info) == 0 else { continue }
            list.append((name, full, info))
        }
        return list
    }

    /// Regular files under `path` (sorted; `path` itself when it is a file), following symbolic
    /// links to files and folders; a folder reached twice (a link loop, or two links to one folder)
    /// is walked once. Named pipes, devices and sockets are listed apart and never opened. Names
    /// starting with "." are skipped.
    /// Folders in `excluding` (any spelling: compared by device and inode) are not walked.
    /// - Throws: ``DICOMError`` `.unreadable` when `path` does not exist or cannot be listed.
    static func listFiles(_ path: String, excluding: [String] = []) throws -> Listing {
        var info = stat()
        guard stat(path, &info) == 0 else { throw DICOMError(.unreadable, path: path, "no such file or folder") }
        var listing = Listing()
        switch info.st_mode & S_IFMT {
        case S_IFDIR: break
        case S_IFREG: return Listing(files: [path])
        default: return Listing(nonRegular: [path])
        }
        struct FolderID: Hashable { let device: UInt64, inode: UInt64 }
        var seen: Set<FolderID> = [FolderID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))]
        for folder in excluding {
            var excluded = stat()
            if stat(folder, &excluded) == 0 { seen.insert(FolderID(device: UInt64(excluded.st_dev), inode: UInt64(excluded.st_ino))) }
        }
        var pending = [path]
        var first = true
        while let folder = pending.popLast() {
            guard let entries = entries(of: folder) else {
                if first { throw DICOMError(.unreadable, path: path, "cannot list the folder") }
                continue
            }
            first = false
            for (name, full, entryInfo) in entries {
                switch entryInfo.st_mode & S_IFMT {
                case S_IFDIR:
                    if seen.insert(FolderID(device: UInt64(entryInfo.st_dev), inode: UInt64(entryInfo.st_ino))).inserted {
                        pending.append(full)
                    }
                case S_IFREG:
                    if !name.hasPrefix(".") { listing.files.append(full) }
                default:
                    if !name.hasPrefix(".") { listing.nonRegular.append(full) }
                }
            }
        }
        listing.files.sort()
        listing.nonRegular.sort()
        return listing
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
