import Foundation
import LesionAnalysis
import ReportWriters
import Testing
import _TestSupport

/// `batch --out` on the bundled example draws one panel per lesion and a report.html linking them.
@Suite("Pictures of a batch run")
struct PicturesIntegrationTests {
    @Test("One PNG per lesion, named by the reported PatientID; report.html links each")
    func examplePictures() throws {
        let out = try SharedData.temporaryFolder("pictures")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let plan = try BatchPlan.discover(root: SharedData.fixture("example"), pairing: .baseline, criteria: .init())
        let pseudonym = try Pseudonym(salt: "test")
        let sink = PictureSink(outFolder: out, reportedPatientID: { pseudonym($0) })
        let results = BatchRunner().run(plan, workers: 2, pictures: sink)
        #expect(sink.problems.isEmpty)
        let lesions = results.flatMap { p in p.lesions.map { (p, $0) } }
        #expect(lesions.count == 11)
        for (pair, lesion) in lesions {
            let path = try #require(pair.pictures[lesion.lesionID], "picture of \(lesion.lesionID)")
            // Named by the pseudonym, never the PatientID.
            #expect(path.hasPrefix("pictures/anon-") && !path.contains("PAT-"))
            let png = try PNGCodec.decode(try Data(contentsOf: URL(fileURLWithPath: out + "/" + path)))
            #expect(png.image.width > 200 && png.image.height > 200 && png.fileBitDepth == 8)
        }
        let doc = ReportBuilder.document(pairs: pseudonym.apply(results), criteria: .init(), command: "batch")
        let html = ReportHTML.render(doc)
        for (pair, lesion) in lesions { #expect(html.contains(pair.pictures[lesion.lesionID] ?? "?")) }
        #expect(!html.contains("PAT-A"))
    }
}
