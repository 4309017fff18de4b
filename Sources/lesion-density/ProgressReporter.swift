import Foundation
import LesionAnalysis
import ResultsModel

/// Progress on stderr: a bar redrawn in place on a terminal (pairs done/total, current patient,
/// elapsed and remaining time), one log line per pair otherwise, nothing with --quiet.
final class ProgressReporter: @unchecked Sendable {
    private let quiet: Bool
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private let start = Date()
    private let lock = NSLock()
    private var drew = false

    init(quiet: Bool, total: Int) {
        self.quiet = quiet
        if !quiet && !isTerminal { write("batch: \(total) pair(s) to analyze\n") }
    }

    func update(done: Int, total: Int, patientID: String, status: PairStatus) {
        guard !quiet else { return }
        lock.lock(); defer { lock.unlock() }
        let elapsed = Date().timeIntervalSince(start)
        let remaining = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
        if isTerminal {
            let width = 30
            let filled = total > 0 ? width * done / total : width
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            write("\r\u{1B}[2K[\(bar)] \(done)/\(total)  \(patientID)  \(clock(elapsed)) elapsed, ~\(clock(remaining)) left")
            drew = true
        } else {
            write("batch: \(done)/\(total) \(patientID): \(status.rawValue) (\(clock(elapsed)) elapsed, ~\(clock(remaining)) left)\n")
        }
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        if drew { write("\n") }
    }

    private func clock(_ s: TimeInterval) -> String {
        let t = Int(s.rounded())
        return t >= 3600 ? String(format: "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : String(format: "%d:%02d", t / 60, t % 60)
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}

/// Ctrl-C: the first SIGINT asks the batch to stop handing out pairs (finished ones are kept and
/// written); a second one ends the process at once with status 1 (Docs/Outputs.md allows 0, 1, 2).
final class Interrupt: @unchecked Sendable {
    private let source: DispatchSourceSignal
    private var count = 0

    private init(command: String, finishing: String, _ onInterrupt: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [unowned self] in
            self.count += 1
            if self.count > 1 {
                FileHandle.standardError.write(Data("\n\(command): interrupted again — quitting now\n".utf8))
                exit(1)
            }
            FileHandle.standardError.write(Data("\n\(command): interrupted — \(finishing) (Ctrl-C again to quit now)\n".utf8))
            onInterrupt()
        }
        source.resume()
    }

    static func install(command: String = "batch", finishing: String = "finishing the pairs under way and writing results",
                        _ onInterrupt: @escaping @Sendable () -> Void) -> Interrupt {
        Interrupt(command: command, finishing: finishing, onInterrupt)
    }

    func cancel() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
