import DensityKernel
import ResponseClassifier
import ResultsModel

extension PairAnalysis {
    /// Matches lesions by label (lower-case, white space removed), computes the deltas and
    /// classifies each; lesions at one time point only are `new` / `no longer outlined`. Reference
    /// ROIs are not lesions. Order: baseline order, then follow-up-only lesions.
    /// - Parameters:
    ///   - firstPhenotypes: in a course, each lesion's phenotype at the first time point, by matching
    ///     key (the response is read against it; `phenotype_at_pair_baseline` keeps the pair's own).
    ///   - correspondence: sets `registration` and the correspondence flags of each lesion.
    static func matchAndClassify(_ b: TimePointMeasurement, _ f: TimePointMeasurement, context: PairContext,
                                 criteria: ResponseCriteria, firstPhenotypes: [String: LesionPhenotype]? = nil,
                                 correspondence: PairCorrespondence = .init()) -> [LesionPairResult] {
        let baseLesions = b.lesions.filter { !$0.mask.isReference }
        let followLesions = f.lesions.filter { !$0.mask.isReference }
        var byKey: [String: LesionMeasurement] = [:]
        for l in followLesions { byKey[LesionMatching.key(l.label)] = l }
        var results: [LesionPairResult] = []
        var used: Set<String> = []
        for lb in baseLesions {
            let key = LesionMatching.key(lb.label)
            if let lf = byKey[key] {
                used.insert(key)
                let observation = LesionObservation.both(baseline: density(lb), followup: density(lf))
                let delta = DensityDelta(baseline: lb.statistics, followUp: lf.statistics)
                let deltaCore = zipOptional(lb.core, lf.core).map { DensityDelta(baseline: $0.0, followUp: $0.1) }
                let pairPhenotype = classify(observation, in: context, criteria: criteria).phenotype
                let c = classify(observation, in: context, criteria: criteria, phenotypeAtFirstTimePoint: firstPhenotypes?[key])
                results.append(correspondence.attach(LesionPairResult(
                    lesionID: lb.label, baseline: lb.result, followup: lf.result, delta: delta,
                    deltaCore: deltaCore, classification: c, phenotypeAtPairBaseline: pairPhenotype), lb, lf))
            } else {
                let c = classify(.baselineOnly(density(lb)), in: context, criteria: criteria)
                results.append(correspondence.attach(LesionPairResult(
                    lesionID: lb.label, baseline: lb.result, followup: nil, delta: nil, deltaCore: nil,
                    classification: c, phenotypeAtPairBaseline: c.phenotype), lb, nil))
            }
        }
        for lf in followLesions where !used.contains(LesionMatching.key(lf.label)) {
            results.append(correspondence.attach(LesionPairResult(
                lesionID: lf.label, baseline: nil, followup: lf.result, delta: nil, deltaCore: nil,
                classification: classify(.followupOnly(density(lf)), in: context, criteria: criteria)), nil, lf))
        }
        return results
    }

    /// The classifier's view of one lesion at one time point.
    static func density(_ l: LesionMeasurement) -> TimePointDensity {
        TimePointDensity(
            full: region(l.statistics), core: l.core.map(region),
            isIncomplete: l.flags.contains(.incomplete), paddingVoxelsExcluded: l.statistics.paddingVoxelsExcluded,
            roiResampled: l.flags.contains(.resampledROI), contoursOffPlane: l.flags.contains(.contoursOffPlane))
    }

    static func region(_ s: DensityStatistics) -> RegionDensity {
        RegionDensity(voxelCount: s.voxelCount, volumeML: s.volumeML, meanHU: s.mean ?? 0, maxHU: s.maximum ?? 0,
                      fractionLytic: s.fractionLytic ?? 0, fractionSclerotic: s.fractionSclerotic ?? 0)
    }

    static func zipOptional<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
        guard let a, let b else { return nil }
        return (a, b)
    }
}
