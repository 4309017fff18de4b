#!/usr/bin/env bash
# Make-span of 4 shards cut by estimated work (batch --shard K/4, LPT over CT planes) against 4
# shards cut by pair count (a plan file giving each shard 10 patients in PatientID order), on a
# synthetic tree of 40 pairs with mixed series lengths (10 each of P1..P4 planes, 512 x 512), in two
# runs: "small ROI" (the tree as generated: one sphere of r 10 mm, so every pair decodes about the same
# 14 planes whatever its series length) and "ROI along the series" (a box of 40 x 40 mm over every
# plane added, as a spine segmentation would be: a pair decodes all its planes, the plan's estimate).
# Each shard runs alone with --jobs 1, one after the other (work shard K, then count shard K, then
# work shard K without --plan, so that a change of the machine's load touches all alike). A shard
# given the plan scans only its own patients' folders; without it (the "whole" rows: the same cut)
# it scans the whole tree and computes the plan itself, so whole − work is the scan a plan saves; a shard's time is the median wall time of
# 3 runs, the make-span the slowest shard's, and the ratio count/work is printed from this one run,
# with each shard's peak resident memory (getrusage of the child: ru_maxrss).
# Usage: bash Benchmarks/batch/shard-makespan.sh [P1 P2 P3 P4]   (from the repository root)
# Needs python3 (timing and memory); builds the release products itself.
set -euo pipefail
P=(8 16 32 96)
if [ $# -eq 4 ]; then P=("$@"); fi
TREE=$(mktemp -d -t ld-makespan-tree.XXXX); OUT=$(mktemp -d -t ld-makespan-out.XXXX)
trap 'rm -rf "$TREE" "$OUT"' EXIT
swift build -c release --product lesion-density >/dev/null
swift build -c release --product generate-fixtures >/dev/null
BIN=$(swift build -c release --show-bin-path)
for i in 0 1 2 3; do "$BIN/generate-fixtures" bench-tree "$TREE" 10 "${P[$i]}" $((i * 10)) >/dev/null; done
# Cut by count: patients in PatientID order, shards of 10 (BENCH000-009 → 1, …): every shard gets
# one series length, the worst case of a count cut on a tree sorted by acquisition.
# plans: the work plan (written again after the ROIs change: its estimate follows them) and the count plan.
plans() {
  "$BIN/lesion-density" batch "$TREE" --plan "$OUT/work.json" --shards 4 >"$OUT/work.txt"
  python3 - "$OUT/work.json" "$OUT/count.json" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
ps = sorted(plan["patients"], key=lambda p: p["patient_id"])
for i, p in enumerate(ps): p["shard"] = i * 4 // len(ps) + 1
plan["patients"] = ps
json.dump(plan, open(sys.argv[2], "w"))
PY
  cat "$OUT/work.txt"
}
plans
# What a shard without --plan pays whatever its patients: the header scan of the whole tree (here with planning).
python3 - "$BIN/lesion-density" "$TREE" "$OUT/scan.json" <<'PY'
import subprocess, sys, time
times = []
for _ in range(3):
    t0 = time.monotonic()
    subprocess.run([sys.argv[1], "batch", sys.argv[2], "--plan", sys.argv[3], "--shards", "4"], stdout=subprocess.DEVNULL, check=True)
    times.append(time.monotonic() - t0)
print(f"header scan and plan of the whole tree (a shard without --plan does it): {sorted(times)[1]:.2f} s")
PY
# run CUT K: one shard; prints "CUT K seconds max_rss_kb pairs planes".
run() {
  local cut=$1 k=$2
  local plan=$cut; [ "$cut" = whole ] && plan=work
  python3 - "$cut" "$k" "$OUT/$plan.json" "$BIN/lesion-density" "$TREE" "$OUT/$cut-$k" <<'PY'
import json, os, resource, subprocess, sys, time
cut, k, plan, binary, tree, out = sys.argv[1:]
mine = [p for p in json.load(open(plan))["patients"] if p["shard"] == int(k)]
given = [] if cut == "whole" else ["--plan", plan]
times, rss = [], 0
for _ in range(3):  # the median of 3 runs: the machine's load changes from second to second
    t0 = time.monotonic()
    child = subprocess.Popen([binary, "batch", tree, "--shard", f"{k}/4", *given, "--out", out,
                              "--jobs", "1", "--quiet", "--no-pictures", "--no-dicom"], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    times.append(time.monotonic() - t0)
    rss = max(rss, usage.ru_maxrss)
    if os.waitstatus_to_exitcode(status) != 0: sys.exit(f"{cut} shard {k}: exit {os.waitstatus_to_exitcode(status)}")
seconds = sorted(times)[1]
pairs = len(json.load(open(os.path.join(out, "results.json")))["pairs"])
print(cut, k, f"{seconds:.2f}", rss, pairs, sum(p["estimated_work"] for p in mine))
PY
}
measure() {
  echo "$1:"
  for k in 1 2 3 4; do run work "$k"; run count "$k"; run whole "$k"; done | awk '
    { printf "  by %-5s shard %s: %7.2f s, %3d pairs, %5d planes, max RSS %4.0f MB\n", $1, $2, $3, $5, $6, $4 / 1024
      if ($3 > span[$1]) span[$1] = $3 }
    END { printf "  make-span by work %.2f s, by count %.2f s, ratio count/work %.2f\n", span["work"], span["count"], span["count"] / span["work"]
          printf "  make-span by work without --plan (every shard scans the whole tree) %.2f s, ratio whole/work %.2f\n", span["whole"], span["whole"] / span["work"] }'
}
measure "small ROI (sphere r 10 mm)"
python3 - "$TREE" "${P[@]}" <<'PY'
import json, os, sys
tree, planes = sys.argv[1], [int(p) for p in sys.argv[2:]]
for i in range(40):
    path = os.path.join(tree, f"BENCH{i:03d}", "20240110", "rois.json")
    rois = json.load(open(path))
    top = (planes[i // 10] - 1) * 1.5 + 1
    rois["lesions"].append({"id": "B1 spine", "box_mm": [[-20, -30, -1], [20, 10, top]]})
    json.dump(rois, open(path, "w"))
PY
plans
measure "ROI along the series (box over every plane)"
