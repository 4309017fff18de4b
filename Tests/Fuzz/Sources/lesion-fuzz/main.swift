internal import CFuzzerDriver
import Foundation

// lesion-fuzz: LESION_FUZZ_TARGET=<name> lesion-fuzz [libFuzzer flags] [corpus folders]
// A crash, an AddressSanitizer report or a timeout inside a target is a defect of LesionDensity:
// the readers must turn every input into a value or a thrown error.
guard let name = ProcessInfo.processInfo.environment["LESION_FUZZ_TARGET"], let target = FuzzTargets.all[name] else {
    let names = FuzzTargets.all.keys.sorted().joined(separator: ", ")
    FileHandle.standardError.write(Data("set LESION_FUZZ_TARGET to one of: \(names)\n".utf8))
    exit(2)
}
FuzzTargets.selected = target

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(CFuzzerDriver_run(&argc, &argv) { data, size in
    let bytes = data.map { Data(bytes: $0, count: size) } ?? Data()
    FuzzTargets.selected?(bytes)
    return 0
})
