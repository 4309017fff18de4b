import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A service a test runs (Orthanc), started with posix_spawn and reaped with waitpid, never
/// through Foundation's `Process`.
///
/// Why not `Process`: on Linux it learns of a child's exit through a socket the child inherits.
/// A service must close the descriptors it inherits (else it holds other tests' pipes open and
/// their readers never see end of file), which closes that socket too: Foundation then takes the
/// service for ended and blocks its one monitoring thread in waitpid until the service really
/// exits, and meanwhile no other `Process` of the test run is seen to end (their tests hang).
/// Here the child closes every descriptor above 2 before it execs (through /bin/bash), stdin is
/// /dev/null, and stdout and stderr go to files.
public final class ChildProcess: @unchecked Sendable {
    public let pid: pid_t
    private let lock = NSLock()
    private var exitStatus: Int32?

    /// Starts `executable` with `arguments`.
    /// - Parameters:
    ///   - output: file receiving stdout and stderr (created or truncated).
    ///   - environment: variables added to this process's environment.
    /// - Throws: ``ChildProcessError`` when posix_spawn fails.
    public init(_ executable: String, _ arguments: [String], output: String, environment: [String: String] = [:]) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let script = #"for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; exec "$@""#
        let argv = (["/bin/bash", "-c", script, "service", executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var variables = ProcessInfo.processInfo.environment
        for (key, value) in environment { variables[key] = value }
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        // No signal blocked and every signal at its default: a test's threads (libdispatch's
        // workers) block most signals, and a child inheriting that mask would ignore SIGTERM.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var child: pid_t = 0
        let status = posix_spawn(&child, "/bin/bash", &actions, &attributes, argv, envp)
        guard status == 0 else { throw ChildProcessError(message: "cannot start \(executable): posix_spawn error \(status)") }
        pid = child
    }

    deinit { stop(grace: 2) }

    /// Whether the child has not ended yet (reaps it when it has).
    public var isRunning: Bool { reap(blocking: false) == nil }

    /// Waits for the child to end; returns its exit status (128 + the signal number when killed).
    @discardableResult
    public func wait() -> Int32 { reap(blocking: true) ?? -1 }

    /// SIGTERM, then SIGKILL when it has not ended after `grace` seconds; reaps it.
    public func stop(grace: TimeInterval) {
        guard isRunning else { return }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while isRunning && Date() < deadline { usleep(20_000) }
        if isRunning { kill(pid, SIGKILL) }
        wait()
    }

    private func reap(blocking: Bool) -> Int32? {
        lock.lock(); defer { lock.unlock() }
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(pid, &status, blocking ? 0 : WNOHANG) } while result < 0 && errno == EINTR
        if result < 0 { exitStatus = -1 }  // not our child any more (ECHILD): it has ended
        guard result == pid else { return exitStatus }
        // WIFEXITED / WEXITSTATUS / WTERMSIG spelled out (the C macros are not imported).
        exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return exitStatus
    }
}

public struct ChildProcessError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
