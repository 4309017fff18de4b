// Writes the project's synthetic fixtures (through DCMTK) into Fixtures/: example-measure (the
// `measure` example) and example (the `batch` example export tree). Deterministic: a rerun writes
// identical files.
// Usage: swift run generate-fixtures [FIXTURES_DIR]
import Foundation
import _TestSupport

let root = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : SharedData.fixture("")
let example = (root as NSString).appendingPathComponent("example-measure")
try? FileManager.default.removeItem(atPath: example)
try ExamplePhantom.write(to: example)
print("wrote \(example)")
let export = (root as NSString).appendingPathComponent("example")
try ExampleExport.write(to: export)
print("wrote \(export)")
