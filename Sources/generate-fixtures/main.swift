// Writes the project's synthetic fixtures (through DCMTK) into Fixtures/: example-measure (the
// `measure` example) and example (the `batch` example export tree). Deterministic: a rerun writes
// identical files. Or writes a timing tree for Benchmarks/batch/compare.sh.
// Usage: swift run generate-fixtures [FIXTURES_DIR]
//        swift run generate-fixtures bench-tree DIR PAIRS PLANES [FIRST]   (patients BENCH<FIRST>…)
//        swift run generate-fixtures propagation-tree DIR PAIRS drawn|carried   (Benchmarks/propagation/compare.sh)
import Foundation
import _TestSupport

let arguments = CommandLine.arguments
if arguments.count == 5, arguments[1] == "propagation-tree", let pairs = Int(arguments[3]) {
    try PropagationTree.write(to: arguments[2], pairs: pairs, carried: arguments[4] == "carried")
    print("wrote \(pairs) pairs (\(arguments[4])) into \(arguments[2])")
} else if (5...6).contains(arguments.count), arguments[1] == "bench-tree", let pairs = Int(arguments[3]), let planes = Int(arguments[4]),
   let first = arguments.count == 6 ? Int(arguments[5]) : 0 {
    try BenchTree.write(to: arguments[2], pairs: pairs, planes: planes, firstPatient: first)
    print("wrote \(pairs) pairs of \(planes) planes into \(arguments[2])")
} else {
    let root = arguments.count > 1 ? arguments[1] : SharedData.fixture("")
    let example = (root as NSString).appendingPathComponent("example-measure")
    try? FileManager.default.removeItem(atPath: example)
    try ExamplePhantom.write(to: example)
    print("wrote \(example)")
    let export = (root as NSString).appendingPathComponent("example")
    try ExampleExport.write(to: export)
    print("wrote \(export)")
}
