#!/usr/bin/env bash
# Make-span of 4 shards cut by estimated work (batch --shard K/4, LPT over CT planes) against 4
# shards cut by pair count (a plan file giving each shard 10 patients in PatientID order), on a
# synthetic tree of 40 pairs with mixed series lengths (10 each of P1..P4 planes, 512 x 512).
# Each shard runs alone with --jobs 1, one after the other, so that the make-span is the slowest
# shard's wall time; the ratio count/work is printed from this one run.
# Usage: bash Benchmarks/batch/shard-makespan.sh [P1 P2 P3 P4]   (from the repository root)
set -euo pipefail
P=("${@:-8 16 32 96}"); read -r -a P <<<"${P[*]}"
TREE=$(mktemp -d -t ld-makespan-tree.XXXX); OUT=$(mktemp -d -t ld-makespan-out.XXXX)
trap 'rm -rf "$TREE" "$OUT"' EXIT
swift build -c release --product lesion-density >/dev/null
swift build -c release --product generate-fixtures >/dev/null
BIN=$(swift build -c release --show-bin-path)
for i in 0 1 2 3; do "$BIN/generate-fixtures" bench-tree "$TREE" 10 "${P[$i]}" $((i * 10)) >/dev/null; done
# Cut by count: patients in PatientID order, shards of 10 (BENCH000-009 → 1, …): every shard gets
# one series length, the worst case of a count cut on a tree sorted by acquisition.
"$BIN/lesion-density" batch "$TREE" --plan "$OUT/work.json" --shards 4 >"$OUT/work.txt"
python3 - "$OUT/work.json" "$OUT/count.json" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
ps = sorted(plan["patients"], key=lambda p: p["patient_id"])
for i, p in enumerate(ps): p["shard"] = i * 4 // len(ps) + 1
plan["patients"] = ps
json.dump(plan, open(sys.argv[2], "w"))
PY
span() {
  local plan=$1 worst=0
  for k in 1 2 3 4; do
    local t0 t1; t0=$(date +%s.%N)
    "$BIN/lesion-density" batch "$TREE" --shard "$k/4" --plan "$plan" --out "$OUT/s$k" --jobs 1 --quiet --no-pictures --no-dicom >/dev/null || true
    t1=$(date +%s.%N)
    local t; t=$(echo "$t1 - $t0" | bc); echo "  shard $k: $t s" >&2
    worst=$(echo "if ($t > $worst) $t else $worst" | bc)
  done
  echo "$worst"
}
cat "$OUT/work.txt"
echo "by work:" >&2; W=$(span "$OUT/work.json")
echo "by count:" >&2; C=$(span "$OUT/count.json")
echo "make-span by work $W s, by count $C s, ratio count/work $(echo "scale=2; $C / $W" | bc)"
