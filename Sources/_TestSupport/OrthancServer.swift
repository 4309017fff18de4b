import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A real Orthanc (Debian `orthanc`, 1.10) for the PACS tests: started as a plain process on free
/// loopback ports with its JSON configuration, storage and index in a temporary folder, our calling
/// AE title registered under DicomModalities (C-FIND and C-GET allowed; C-GET is served on the same
/// association), the called AE title checked (so a wrong one is rejected). Stopped by its PID
/// (SIGTERM, wait, SIGKILL after 10 s) in `stop()` or when the value goes away.
public final class OrthancServer: @unchecked Sendable {
    /// `$ORTHANC` or /usr/sbin/Orthanc, when installed (tests skip with ``skipMessage`` otherwise).
    public static let executable: String? = {
        let candidates = [ProcessInfo.processInfo.environment["ORTHANC"], "/usr/sbin/Orthanc", "/usr/bin/Orthanc"]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    public static let skipMessage = "Orthanc not found (Debian package orthanc; set $ORTHANC): PACS test skipped"

    /// The AE title Orthanc answers to.
    public let aeTitle = "ORTHANCTEST"
    /// Our calling AE title as registered in Orthanc's DicomModalities.
    public let callingAETitle: String
    public let httpPort: Int
    public let dicomPort: Int
    /// The temporary folder holding the configuration, storage, index and log.
    public let folder: String
    private let process: ChildProcess

    /// `AET@127.0.0.1:PORT` of this server.
    public var node: String { "\(aeTitle)@127.0.0.1:\(dicomPort)" }

    /// Starts Orthanc and waits (at most 30 s) until its REST API answers. `extraConfiguration`
    /// adds (or replaces) top-level keys of its JSON configuration (e.g. the DicomTls* keys).
    public init(callingAETitle: String = "LDTEST", extraConfiguration: [String: Any] = [:]) throws {
        guard let executable = Self.executable else { throw OrthancError(message: Self.skipMessage) }
        self.callingAETitle = callingAETitle
        folder = try SharedData.temporaryFolder("orthanc")
        httpPort = LoopbackPort.free()
        var dicom = LoopbackPort.free()
        while dicom == httpPort { dicom = LoopbackPort.free() }
        dicomPort = dicom
        var configuration: [String: Any] = [
            "Name": "LesionDensityTest", "StorageDirectory": folder + "/storage", "IndexDirectory": folder + "/index",
            "HttpPort": httpPort, "DicomPort": dicomPort, "DicomAet": aeTitle, "DicomCheckCalledAet": true,
            "RemoteAccessAllowed": false, "AuthenticationEnabled": false, "HttpServerEnabled": true,
            "Plugins": [String](), "SaveJobs": false, "StorageCompression": false, "ConcurrentJobs": 1,
            "DicomScpTimeout": 30, "OverwriteInstances": true, "LimitFindResults": 0, "LimitFindInstances": 0,
            "DicomModalities": ["lesiondensity": ["AET": callingAETitle, "Host": "127.0.0.1", "Port": LoopbackPort.free(),
                                                  "AllowEcho": true, "AllowFind": true, "AllowGet": true, "AllowMove": true,
                                                  "AllowStore": true]],
        ]
        configuration.merge(extraConfiguration) { $1 }
        let data = try JSONSerialization.data(withJSONObject: configuration, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: folder + "/orthanc.json"))
        let log = folder + "/orthanc.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        // Through ChildProcess, not Foundation's Process: the server closes the descriptors it
        // inherits (so it keeps no pipe of another test's command open), which Foundation's Process
        // cannot survive (ChildProcess says why).
        // Orthanc's DCMTK reads TCP_NODELAY too: without it each C-STORE sub-operation waits ~40 ms
        // for a delayed ACK (Docs/PACS.md).
        process = try ChildProcess(executable, [folder + "/orthanc.json"], output: log, environment: ["TCP_NODELAY": "1"])
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if !process.isRunning { break }
            if let (status, _) = try? request("GET", "/system"), status == 200 { return }
            usleep(100_000)
        }
        let text = (try? String(contentsOfFile: folder + "/orthanc.log", encoding: .utf8)) ?? ""
        stop()
        throw OrthancError(message: "Orthanc did not answer on port \(httpPort) within 30 s: \(text.suffix(2000))")
    }

    deinit { stop() }

    /// Stops the server by its PID (SIGTERM, SIGKILL after 10 s, reaped) and removes its folder.
    public func stop() {
        process.stop(grace: 10)
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Uploads one DICOM file through the REST API (POST /instances); returns its Orthanc id.
    @discardableResult
    public func upload(_ path: String) throws -> String {
        let body = try Data(contentsOf: URL(fileURLWithPath: path))
        let (status, reply) = try request("POST", "/instances", body: body)
        guard status == 200, let object = try? JSONSerialization.jsonObject(with: reply) as? [String: Any],
              let id = object["ID"] as? String else {
            throw OrthancError(message: "upload of \(path) answered HTTP \(status): \(String(decoding: reply, as: UTF8.self))")
        }
        return id
    }

    /// Uploads every Part 10 file under `root` that Orthanc accepts (a truncated one, like the
    /// example's PAT-C/20240603/SE2/IM0007, is refused and left out); returns the accepted paths.
    @discardableResult
    public func uploadTree(_ root: String) throws -> [String] {
        var accepted: [String] = []
        for path in Self.dicomFiles(under: root) {
            let (status, _) = try request("POST", "/instances", body: try Data(contentsOf: URL(fileURLWithPath: path)))
            if status == 200 { accepted.append(path) }
        }
        return accepted
    }

    /// The Part 10 files (DICM at offset 128) under `root`, sorted by path.
    public static func dicomFiles(under root: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var paths: [String] = []
        for case let relative as String in walker {
            let path = (root as NSString).appendingPathComponent(relative)
            guard let handle = FileHandle(forReadingAtPath: path) else { continue }
            defer { try? handle.close() }
            if let head = try? handle.read(upToCount: 132), head.count == 132, head.suffix(4) == Data("DICM".utf8) { paths.append(path) }
        }
        return paths.sorted()
    }

    /// Uploads a copy of `file` turned into a Secondary Capture instance (SOPClassUID
    /// 1.2.840.10008.5.1.4.1.1.7, SOPInstanceUID `uid`) with DCMTK's dcmodify: an object of a class
    /// `pull` does not retrieve. The copy is written into `work`.
    public func uploadSecondaryCapture(copyOf file: String, uid: String, work: String) throws {
        guard let dcmodify = ExternalTool.find("dcmodify") else { throw OrthancError(message: "dcmodify (Debian dcmtk) not found") }
        let copy = (work as NSString).appendingPathComponent("sc-\(uid).dcm")
        try FileManager.default.copyItem(atPath: file, toPath: copy)
        let modified = try ExternalTool.run(dcmodify, ["-nb", "-m", "(0008,0016)=1.2.840.10008.5.1.4.1.1.7", "-m", "(0008,0018)=\(uid)", copy])
        guard modified.status == 0 else { throw OrthancError(message: "dcmodify failed: \(modified.output)") }
        try upload(copy)
    }

    /// GET of a REST resource decoded as JSON (e.g. "/studies", "/instances").
    public func json(_ resource: String) throws -> Any {
        let (status, data) = try request("GET", resource)
        guard status == 200 else { throw OrthancError(message: "GET \(resource) answered HTTP \(status)") }
        return try JSONSerialization.jsonObject(with: data)
    }

    /// Number of instances Orthanc holds.
    public func instanceCount() throws -> Int { (try json("/instances") as? [Any])?.count ?? 0 }

    /// Deletes a resource (e.g. "/studies/<id>").
    public func delete(_ resource: String) throws {
        let (status, _) = try request("DELETE", resource)
        guard status == 200 else { throw OrthancError(message: "DELETE \(resource) answered HTTP \(status)") }
    }

    /// One HTTP request to the REST API (loopback, 30 s timeout).
    public func request(_ method: String, _ resource: String, body: Data? = nil) throws -> (Int, Data) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(httpPort)\(resource)")!, timeoutInterval: 30)
        request.httpMethod = method
        request.httpBody = body
        final class Result: @unchecked Sendable { var status = 0; var data = Data(); var error: Error? }
        let result = Result()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            result.status = (response as? HTTPURLResponse)?.statusCode ?? 0
            result.data = data ?? Data()
            result.error = error
            done.signal()
        }.resume()
        done.wait()
        if let error = result.error { throw error }
        return (result.status, result.data)
    }
}

public struct OrthancError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Loopback TCP ports for the service tests.
public enum LoopbackPort {
    /// A TCP port free on 127.0.0.1 now (bound to 0, read back, closed).
    public static func free() -> Int {
        let (fd, port) = bound()
        close(fd)
        return port
    }

    /// A socket listening on a free loopback port that never accepts: connections complete the
    /// TCP handshake (backlog) and then hear nothing, like a hung server. Close `fd` when done.
    public static func silentListener() -> (fd: Int32, port: Int) {
        let (fd, port) = bound()
        listen(fd, 4)
        return (fd, port)
    }

    private static func bound() -> (Int32, Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}
