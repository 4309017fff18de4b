import LesionROI
import ResultsModel
import VolumeModel

/// `--split-components` across time points (Docs/ROIs.md "Components across time points"): each
/// label map names its components `label N.k` by decreasing size, which says nothing about which
/// blob is which at another scan. So the components of a later time point are renamed after the
/// earlier ones they overlap once those are carried into its frame by the pair's transform (the
/// same carrying as any lesion, LesionROI's ``MaskPropagation``), and the trend is per lesion.
extension CourseTimePoints {
    /// A split label-map component: its group (the matching key of its label without `.k`), that
    /// label, and k.
    static func component(_ p: ROIPlacement) -> (group: String, base: String, k: Int)? {
        let m = p.mask
        guard m.source.kind == .labelmap, m.source.component != nil, let dot = m.label.lastIndex(of: "."),
              let k = Int(m.label[m.label.index(after: dot)...]) else { return nil }
        let base = String(m.label[..<dot])
        return (LesionMatching.key(base), base, k)
    }

    /// Renames the components of time points 1…`last`, in time order, after those drawn earlier.
    mutating func matchComponents(through last: Int) {
        guard last >= 1 else { return }
        for t in 1...last { matchComponents(at: t) }
    }

    /// Renames time point `t`'s components: each earlier component (at the earliest time point that
    /// has it) is carried onto `t` and takes the one of largest Dice overlap there (one to one,
    /// ``MaskOverlap/match(_:_:)``); a component of `t` that overlaps none is a new lesion, numbered
    /// after every earlier k. An earlier component that overlaps none keeps its name and is carried
    /// as any lesion missing at `t`. Without a transform the names stay each file's size order.
    mutating func matchComponents(at t: Int) {
        var own = stages[t].own.placements
        var groups: [String: [Int]] = [:]
        for (i, p) in own.enumerated() {
            if let c = Self.component(p) { groups[c.group, default: []].append(i) }
        }
        let dates = stages.map { $0.info.studyDate ?? $0.point.path }
        func date(_ s: Int) -> String { dates[s] }
        var renamed: [(old: String, new: Int)] = []
        for (group, indices) in groups.sorted(by: { $0.key < $1.key }) {
            var known: [(key: String, label: String, base: String, k: Int, origin: Int)] = []
            for s in 0..<t {
                for p in stages[s].own.placements {
                    guard let c = Self.component(p), c.group == group else { continue }
                    let key = LesionMatching.key(p.mask.label)
                    if !known.contains(where: { $0.key == key }) { known.append((key, p.mask.label, c.base, c.k, s)) }
                }
            }
            guard let base = known.first?.base else { continue }
            let file = own[indices[0]].mask.source.file
            // Each earlier component on this grid; one that cannot be carried (its registration
            // failed: the lesion error comes with its placement) is empty and overlaps nothing.
            var carriedMasks: [LesionMask] = []
            var linked = false
            for n in known {
                var mask = LesionMask(label: n.label, source: own[indices[0]].mask.source,
                                      box: VoxelBox(planes: 0..<0, rows: 0..<0, columns: 0..<0), inside: [])
                if let roi = stages[n.origin].drawn[n.key], let carry = carried(n.key, roi, from: n.origin, to: t) {
                    linked = true
                    if case .success(let (p, _)) = carry { mask = p.mask }
                }
                carriedMasks.append(mask)
            }
            guard linked else {
                let origins = Set(known.map(\.origin)).sorted().map(date).joined(separator: ", ")
                stages[t].componentWarnings.append(ResultWarning(.unmatchedComponent,
                    "the components of \(base) in \(file) at \(date(t)) cannot be matched by overlap to those drawn at \(origins): no transform links the frames of reference (--no-register and no REG); each file's size order names them"))
                continue
            }
            let matches = MaskOverlap.match(carriedMasks, indices.map { own[$0].mask })
            var next = (known.map(\.k).max() ?? 0) + 1
            for (j, i) in indices.enumerated() {
                let label: String
                if let n = matches.firstIndex(of: j) {
                    label = known[n].label
                } else {
                    label = "\(base).\(next)"
                    next += 1
                    let m = own[i].mask
                    stages[t].componentWarnings.append(ResultWarning(.unmatchedComponent,
                        "\(label) at \(date(t)) (component \(m.source.component ?? 0) of label value \(m.source.labelValue ?? 0) in \(m.source.file), \(m.voxelCount) voxels) overlaps no component of \(base) drawn earlier, after the transform: a new lesion"))
                }
                renamed.append((LesionMatching.key(own[i].mask.label), i))
                own[i] = Self.placement(own[i], label: label)
            }
            for (n, j) in matches.enumerated() where j == nil {
                stages[t].componentWarnings.append(ResultWarning(.unmatchedComponent,
                    "\(known[n].label) drawn at \(date(known[n].origin)) overlaps no component of \(base) in \(file) at \(date(t)) after the transform: not outlined there"))
            }
        }
        for (old, _) in renamed { stages[t].drawn.removeValue(forKey: old) }
        for (_, i) in renamed { stages[t].drawn[LesionMatching.key(own[i].mask.label)] = .mask(own[i].mask, stages[t].stack.geometry) }
        stages[t].own.placements = own
    }

    /// `p` with its mask named `label` (source, voxels and flags unchanged).
    static func placement(_ p: ROIPlacement, label: String) -> ROIPlacement {
        let m = p.mask
        return ROIPlacement(mask: LesionMask(label: label, source: m.source, box: m.box, inside: m.inside, voxelCount: m.voxelCount,
                                             extendsOutsideVolume: m.extendsOutsideVolume, isReference: m.isReference),
                            voxelsOutsideVolume: p.voxelsOutsideVolume, resampled: p.resampled, notes: p.notes, flags: p.flags,
                            warnings: p.warnings)
    }
}
