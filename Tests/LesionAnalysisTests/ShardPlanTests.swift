import Foundation
import LesionAnalysis
import ResultsModel
import Testing
import _TestSupport

/// The shard plan: longest-processing-time-first assignment, checked against assignments worked out by hand.
@Suite("Shard plan balanced by work")
struct ShardPlanTests {
    func shards(_ plan: ShardPlan) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: plan.patients.map { ($0.patientID, $0.shard) })
    }

    @Test("Work 10, 7, 6, 5, 4 into 2 shards: A→1, B→2, C→2 (10 vs 7), D→1 (10 vs 13), E→2 (15 vs 13); loads 15 and 17")
    func handComputed() {
        let plan = ShardPlan(work: ["E": 4, "C": 6, "A": 10, "D": 5, "B": 7], shards: 2)
        #expect(shards(plan) == ["A": 1, "B": 2, "C": 2, "D": 1, "E": 2])
        #expect(plan.patients.map(\.patientID) == ["A", "B", "C", "D", "E"])
        #expect(plan.load(1) == 15 && plan.load(2) == 17)
        // Cut by count (alternate patients) the same work gives 10+6+4 = 20 against 12.
    }

    @Test("Equal work is ordered by PatientID and a tie in load goes to the lowest K; shards beyond the patients are empty")
    func ties() {
        let plan = ShardPlan(work: ["Y": 3, "X": 3, "Z": 0], shards: 2)
        #expect(shards(plan) == ["X": 1, "Y": 2, "Z": 1])
        let wide = ShardPlan(work: ["P": 5], shards: 3)
        #expect(shards(wide) == ["P": 1] && wide.load(2) == 0 && wide.load(3) == 0)
    }

    @Test("The bundled example: PAT-D's course first, then 32, 32 (SEG: every plane of 2 × 16-plane series) and 14 planes (PAT-C's rois.json: spheres over z 8–20 and 9–19 mm cover 7 of the planes at z 0, 2, … 30 mm of each series, pydicom) fill shards 1–4 of 5; shard 5 is empty")
    func example() throws {
        let batch = try BatchPlan.discover(root: SharedData.packageRoot + "/Fixtures/example", pairing: .baseline, criteria: .init())
        let plan = ShardPlan(batch, shards: 5)
        #expect(plan.patients.map(\.estimatedWork).dropFirst() == [32, 32, 14])
        #expect(shards(plan) == ["PAT-D": 1, "PAT-A": 2, "PAT-B": 3, "PAT-C": 4])
        let empty = try plan.select(5, from: batch)
        #expect(empty.pairs.isEmpty && empty.unpaired.isEmpty && empty.warnings.isEmpty)
        #expect(batch.shard(3, of: 5).pairs.map(\.patientID) == ["PAT-B"])
    }

    @Test("A hand-written plan file is read; a patient missing from it, a shard outside 1…N and a duplicate are refused naming the file")
    func planFile() throws {
        let folder = try SharedData.temporaryFolder("shardplan")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let good = folder + "/plan.json"
        try #"{"schema": "lesion-density-shard-plan/1", "shards": 2, "patients": [{"patient_id": "PAT-A", "estimated_work": 32, "shard": 2}, {"patient_id": "PAT-B", "estimated_work": 32, "shard": 1}]}"#
            .write(toFile: good, atomically: true, encoding: .utf8)
        let plan = try ShardPlan.read(good)
        #expect(plan.shards == 2 && shards(plan) == ["PAT-A": 2, "PAT-B": 1])
        let batch = try BatchPlan.discover(root: SharedData.packageRoot + "/Fixtures/example", pairing: .baseline, criteria: .init())
        #expect { _ = try plan.select(1, from: batch) } throws: { "\($0)".contains("PAT-C") && "\($0)".contains("not in the shard plan") }
        for (name, body) in [("range", #"{"schema": "lesion-density-shard-plan/1", "shards": 2, "patients": [{"patient_id": "A", "estimated_work": 1, "shard": 3}]}"#),
                             ("twice", #"{"schema": "lesion-density-shard-plan/1", "shards": 2, "patients": [{"patient_id": "A", "estimated_work": 1, "shard": 1}, {"patient_id": "A", "estimated_work": 1, "shard": 2}]}"#),
                             ("schema", #"{"schema": "other", "shards": 2, "patients": []}"#)] {
            let path = folder + "/\(name).json"
            try body.write(toFile: path, atomically: true, encoding: .utf8)
            #expect { _ = try ShardPlan.read(path) } throws: { "\($0)".contains(path) }
        }
    }
}
