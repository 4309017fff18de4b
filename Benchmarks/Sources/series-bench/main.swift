// series-bench: series-reading benchmark of issue 2 (performance.md §4–5, goals G5, G6, G7).
//
//   swift run -c release --package-path Benchmarks series-bench [--rounds N] [--dir DIR]
//       [--pydicom SCRIPT] [--dcmtk BINARY] [--no-peers] [--series DIR]
//   swift run -c release --package-path Benchmarks series-bench --gate   (CI: series-reading ratio gate)
//
// Generates once (through DCMTK) a synthetic CT series of 300 planes, 512 × 512 signed 16-bit,
// uncompressed explicit VR little endian and a JPEG-lossless SV1 copy (SeriesData.swift), then
// measures in this process, release build:
//   headers    Discovery.index + SeriesAssembly.assemble (header scan, grouping, sort)
//   full       headers + ImageStack.loadVolume() (every plane decoded to HU)
//   jpeg full  the same on the JPEG-lossless copy
//   roi        headers + loadVolume(planes:) of the 31 planes an r = 15 mm sphere touches
// Each figure is the median of `reps` repetitions in one call; a call of ours and a call of each
// peer (../shared/bench/series_pydicom.py and dcmtk_read, which print their own in-process
// median) alternate for `--rounds` rounds, and each ratio is the median of the per-round ratios,
// so the drift of a shared machine hits both sides alike. No figure here is a pass/fail gate.
import BenchmarkSupport
import DICOMImport
import Foundation
import VolumeModel

#if canImport(Glibc)
import Glibc
#endif

func log(_ line: String) {
    print(line)
    fflush(nil)
}

// MARK: - Options

var arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    let value = arguments[i + 1]
    arguments.removeSubrange(i...(i + 1))
    return value
}
@MainActor func flag(_ name: String) -> Bool {
    guard let i = arguments.firstIndex(of: name) else { return false }
    arguments.remove(at: i)
    return true
}

/// ../shared/bench beside the repository (this file is Benchmarks/Sources/series-bench/main.swift).
let sharedBench: String = {
    var url = URL(fileURLWithPath: "\(#filePath)")
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.deletingLastPathComponent().appendingPathComponent("shared/bench").path
}()
let rounds = max(1, Int(option("--rounds") ?? "") ?? 3)
let root = option("--dir") ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("lesiondensity-seriesbench")
let pydicomScript = option("--pydicom") ?? (sharedBench as NSString).appendingPathComponent("series_pydicom.py")
let dcmtkBinary = option("--dcmtk")
    ?? ((ProcessInfo.processInfo.environment["CTBENCH_BIN"]
        ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("ctbench/bin")) as NSString).appendingPathComponent("dcmtk_read")
/// `--series DIR`: measure an existing folder pair DIR/series_raw + DIR/series_jpll (gen_series.py).
let externalSeries = option("--series")
let noPeers = flag("--no-peers")
/// `--gate`: the CI ratio gate on a 64-plane series (Gate.swift); exits with its status.
let gateMode = flag("--gate")
/// `--only TASK[,TASK…]` (headers, full, decode, roi, jpeg-full, jpeg-decode, jpeg-roi): a subset, e.g. to profile.
let only = option("--only")?.split(separator: ",").map { $0.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "decode", with: "decode only") }
if !arguments.isEmpty {
    log("series-bench: unknown arguments \(arguments); see the header of Benchmarks/Sources/series-bench/main.swift")
    exit(2)
}

if gateMode { exit(SeriesGate.run(root: root + "-gate", log: log)) }

// MARK: - Data

let data = SeriesData(root: root)
let rawFolder: String, jpegFolder: String
if let externalSeries {
    rawFolder = (externalSeries as NSString).appendingPathComponent("series_raw")
    jpegFolder = (externalSeries as NSString).appendingPathComponent("series_jpll")
} else {
    do { try data.prepare(log: log) } catch {
        log("series-bench: cannot write the series: \(error)")
        exit(1)
    }
    rawFolder = data.rawFolder
    jpegFolder = data.jpegFolder
}

func folderBytes(_ folder: String) -> Int {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.reduce(0) { sum, name in
        let attributes = try? FileManager.default.attributesOfItem(atPath: (folder as NSString).appendingPathComponent(name))
        return sum + ((attributes?[.size] as? Int) ?? 0)
    }
}

// MARK: - Our reader

/// Header scan + grouping + sort of the folder's one series.
@MainActor func stack(of folder: String) throws -> ImageStack {
    let index = try Discovery.index(folder)
    guard let uid = index.seriesUIDs.first, let planes = index.seriesPlanes[uid] else {
        throw DICOMError(.invalidSeries, path: folder, "no CT series")
    }
    return try SeriesAssembly.assemble(planes, seriesInstanceUID: uid)[0]
}

/// Planes whose position along the normal lies within r of the lesion centre (the planes an r = 15 mm
/// sphere touches under the voxel-centre rule).
@MainActor func lesionPlanes(_ s: ImageStack) -> [Int] {
    let c = PatientPoint(SeriesData.lesionCentre.x, SeriesData.lesionCentre.y, SeriesData.lesionCentre.z)
    let g = s.geometry
    return (0..<g.planeCount).filter { abs((g.planePositions[$0] - c).dot(g.normal)) <= SeriesData.lesionRadiusMM }
}

/// series_pydicom.py's checksum: the sum of every 4099th voxel of the flattened HU volume.
func checksum(_ v: HUVolume) -> Int {
    let perPlane = v.geometry.voxelsPerPlane
    var sum = 0
    var i = 0
    let total = perPlane * v.geometry.planeCount
    while i < total {
        let k = i / perPlane, j = i % perPlane
        if let plane = v.planes[k] {
            switch plane.storage {
            case .int16(let a): sum += Int(a[j])
            case .float64(let a): sum += Int(a[j].rounded())
            }
        }
        i += 4099
    }
    return sum
}

enum Task: String { case headers, full, jpegFull = "jpeg full", roi, jpegROI = "jpeg roi", decode = "decode only", jpegDecode = "jpeg decode only" }

struct OurRun { let median: Double; let planes: Int; let checksum: Int? }

/// Median of `reps` timed repetitions of `task`.
@MainActor func ours(_ task: Task, reps: Int) throws -> OurRun {
    let folder = [.jpegFull, .jpegROI, .jpegDecode].contains(task) ? jpegFolder : rawFolder
    var times: [Double] = []
    var planes = 0
    var sum: Int?
    var failure: Error?
    let prepared = (task == .decode || task == .jpegDecode) ? try stack(of: folder) : nil
    for _ in 0..<reps {
        times.append(seconds {
            do {
                switch task {
                case .headers:
                    let s = try stack(of: folder)
                    planes = s.planes.count
                case .full, .jpegFull:
                    let v = try stack(of: folder).loadVolume()
                    planes = v.planes.count
                    sum = checksum(v)
                case .roi, .jpegROI:
                    let s = try stack(of: folder)
                    let v = try s.loadVolume(planes: lesionPlanes(s))
                    planes = v.planes.count
                case .decode, .jpegDecode:
                    let v = try prepared!.loadVolume()
                    planes = v.planes.count
                }
            } catch { failure = error }
        })
        if let failure { throw failure }
    }
    return OurRun(median: median(times), planes: planes, checksum: sum)
}

// MARK: - Rounds

let peers: [PeerReader] = noPeers ? [] : [
    FileManager.default.fileExists(atPath: pydicomScript) ? PeerReader(name: "pydicom", command: ["python3", pydicomScript]) : nil,
    FileManager.default.isExecutableFile(atPath: dcmtkBinary) ? PeerReader(name: "dcmtk_read", command: [dcmtkBinary]) : nil,
].compactMap { $0 }

/// (our task, peer mode, peer folder, reps)
let fullPlan: [(Task, String?, String, Int)] = [
    (.headers, "headers", rawFolder, 7),
    (.full, "full", rawFolder, 5),
    (.decode, nil, rawFolder, 5),
    (.roi, nil, rawFolder, 7),
    (.jpegFull, "full", jpegFolder, 3),
    (.jpegDecode, nil, jpegFolder, 3),
    (.jpegROI, nil, jpegFolder, 5),
]

let plan = fullPlan.filter { only == nil || only!.contains($0.0.rawValue) }

let voxelsPerPlane = SeriesData.rows * SeriesData.columns
log("series-bench: \(rawFolder) (\(folderBytes(rawFolder) / 1_000_000) MB), \(jpegFolder) (\(folderBytes(jpegFolder) / 1_000_000) MB); "
    + "\(rounds) rounds; peers: \(peers.isEmpty ? "none" : peers.map(\.name).joined(separator: ", ")); \(ProcessInfo.processInfo.activeProcessorCount) cores")

// Warm the page cache and the process (codec registration, first-touch of the allocator).
if only == nil {
    _ = try? ours(.full, reps: 1)
    _ = try? ours(.jpegROI, reps: 1)
}

var ourTimes: [Task: [Double]] = [:]
var ourPlanes: [Task: Int] = [:]
var peerTimes: [String: [Double]] = [:]     // "peer/task"
var ratios: [String: [Double]] = [:]        // "peer/task": peer time / our time, per round
var checksums: [String: Set<String>] = [:]

for round in 1...rounds {
    for (task, mode, folder, reps) in plan {
        let ourRun: OurRun
        do { ourRun = try ours(task, reps: reps) } catch {
            log("series-bench: \(task.rawValue) failed: \(error)")
            exit(1)
        }
        ourTimes[task, default: []].append(ourRun.median)
        ourPlanes[task] = ourRun.planes
        if let c = ourRun.checksum { checksums["ours/\(task.rawValue)", default: []].insert(String(c)) }
        var line = "round \(round) \(task.rawValue): ours \(String(format: "%.1f", ourRun.median * 1e3)) ms"
        if let mode {
            for peer in peers {
                guard let run = peer.run(folder: folder, mode: mode, reps: reps, log: log) else { continue }
                let key = "\(peer.name)/\(task.rawValue)"
                peerTimes[key, default: []].append(run.medianSeconds)
                ratios[key, default: []].append(run.medianSeconds / ourRun.median)
                if mode == "full" { checksums[key, default: []].insert(run.checksum) }
                line += ", \(peer.name) \(String(format: "%.1f", run.medianSeconds * 1e3)) ms"
            }
        }
        log(line)
    }
}

// MARK: - Report

func ms(_ s: Double) -> String { String(format: "%.1f", s * 1e3) }
log("")
log("| measure | planes | ours median | Mvoxel/s | MB/s (files) |" + peers.map { " \($0.name) median | \($0.name)/ours |" }.joined())
log("| --- | ---: | ---: | ---: | ---: |" + peers.map { _ in " ---: | ---: |" }.joined())
let rawBytes = Double(folderBytes(rawFolder)), jpegBytes = Double(folderBytes(jpegFolder))
for (task, mode, _, _) in plan {
    let t = median(ourTimes[task] ?? [])
    let planes = ourPlanes[task] ?? 0
    let voxels = Double(planes * voxelsPerPlane)
    let bytes = (task == .headers ? rawBytes : (task.rawValue.hasPrefix("jpeg") ? jpegBytes : rawBytes)) * Double(planes) / Double(SeriesData.planes)
    var row = "| \(task.rawValue) | \(planes) | \(ms(t)) ms | \(task == .headers ? "–" : String(format: "%.0f", voxels / t / 1e6)) | "
        + "\(task == .headers ? "–" : String(format: "%.0f", bytes / t / 1e6)) |"
    row += peers.map { peer -> String in
        let key = "\(peer.name)/\(task.rawValue)"
        guard mode != nil, let p = peerTimes[key], let r = ratios[key] else { return " – | – |" }
        return " \(ms(median(p))) ms | \(String(format: "%.2f", median(r)))× |"
    }.joined()
    log(row)
}
log("")
log("goals (per-round ratios, median; issue 16): full ≥ 4× pydicom, headers ≥ 8× pydicom, JPEG lossless ≥ 4× pydicom")
for (goal, task, need) in [("G5", Task.full, 4.0), ("G6", Task.headers, 8.0), ("G7", Task.jpegFull, 4.0)] {
    if let r = ratios["pydicom/\(task.rawValue)"] {
        let m = median(r)
        log("  \(goal) \(task.rawValue): \(String(format: "%.2f", m))× (rounds: \(r.map { String(format: "%.2f", $0) }.joined(separator: ", "))) \(m >= need ? "met" : "MISSED")")
    }
}
for (key, values) in checksums.sorted(by: { $0.key < $1.key }) { log("checksum \(key): \(values.sorted().joined(separator: ", "))") }
