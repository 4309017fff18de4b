import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP relay on a free loopback port to a service's port, for one connection, that stops
/// passing the service's bytes on after `pauseAfter` of them until ``resume()``: a client talking
/// through it is then certainly still in the middle of a transfer (a C-GET's C-STORE
/// sub-operations wait for our response before the next one is sent, so nothing runs ahead).
/// The tests use it to interrupt a `pull` at a known point instead of racing a fast transfer.
public final class PausingRelay: @unchecked Sendable {
    /// The port clients connect to (127.0.0.1).
    public let port: Int
    private let listener: Int32
    private let target: Int
    private let condition = NSCondition()
    private var budget: Int
    private var sockets: [Int32] = []
    private var pumpsRunning = 0
    private var closed = false

    /// Listens on a free loopback port; the first connection is relayed to 127.0.0.1:`targetPort`.
    public init(to targetPort: Int, pauseAfter bytes: Int) {
        (listener, port) = LoopbackPort.silentListener()
        target = targetPort
        budget = bytes
        Thread.detachNewThread { [self] in accept() }
    }

    deinit { close() }

    /// Waits until the byte budget is used up (the relay holds the service's bytes back).
    public func waitUntilPaused(timeout: TimeInterval) -> Bool {
        condition.lock(); defer { condition.unlock() }
        let deadline = Date().addingTimeInterval(timeout)
        while budget > 0 && !closed { if !condition.wait(until: deadline) { return false } }
        return budget <= 0
    }

    /// Passes every further byte on, without a limit.
    public func resume() {
        condition.lock(); budget = .max; condition.broadcast(); condition.unlock()
    }

    /// Closes the listener and the relayed connection; returns when both copying threads ended.
    public func close() {
        condition.lock()
        if !closed {
            closed = true
            shutdown(listener, Int32(SHUT_RDWR))
            sockets.forEach { shutdown($0, Int32(SHUT_RDWR)) }
            condition.broadcast()
        }
        while pumpsRunning > 0 { condition.wait() }
        let all = sockets + [listener]
        sockets = []
        condition.unlock()
        all.forEach { if $0 >= 0 { Glibc.close($0) } }
    }

    private func accept() {
        let client = Glibc.accept(listener, nil, nil)
        guard client >= 0 else { return }
        let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(target).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        condition.lock()
        if closed || connected != 0 {
            condition.unlock()
            Glibc.close(client)
            Glibc.close(server)
            return
        }
        sockets = [client, server]
        pumpsRunning = 2
        condition.unlock()
        Thread.detachNewThread { [self] in pump(from: client, to: server, limited: false) }
        pump(from: server, to: client, limited: true)
    }

    /// Copies bytes until end of file or an error, then half-closes the other side. The service's
    /// direction (`limited`) stops while the budget is used up.
    private func pump(from source: Int32, to destination: Int32, limited: Bool) {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        copying: while true {
            var allowed = buffer.count
            if limited {
                condition.lock()
                while budget <= 0 && !closed {
                    condition.broadcast()
                    condition.wait()
                }
                allowed = min(allowed, budget)
                condition.unlock()
            }
            let n = buffer.withUnsafeMutableBytes { recv(source, $0.baseAddress, allowed, 0) }
            if n <= 0 { break }
            if limited {
                condition.lock(); budget -= n; condition.broadcast(); condition.unlock()
            }
            var sent = 0
            while sent < n {
                let m = buffer.withUnsafeBytes { send(destination, $0.baseAddress! + sent, n - sent, Int32(MSG_NOSIGNAL)) }
                if m <= 0 { break copying }
                sent += m
            }
        }
        shutdown(destination, Int32(SHUT_WR))
        shutdown(source, Int32(SHUT_RD))
        condition.lock(); pumpsRunning -= 1; condition.broadcast(); condition.unlock()
    }
}
