#!/usr/bin/env bash
# Times `lesion-density batch` (1 and 2 worker threads) against batch_pydicom.py on a synthetic
# tree of PAIRS pairs of PLANES planes (512 x 512), interleaved, with peak memory (GNU time).
# Usage: bash Benchmarks/batch/compare.sh [PAIRS] [PLANES] [REPEATS]   (from the repository root)
set -euo pipefail
PAIRS=${1:-20}; PLANES=${2:-120}; N=${3:-3}
TREE=$(mktemp -d -t ld-bench-tree.XXXX); OUT=$(mktemp -d -t ld-bench-out.XXXX)
trap 'rm -rf "$TREE" "$OUT"' EXIT
swift build -c release --product lesion-density >/dev/null
swift build -c release --product generate-fixtures >/dev/null
BIN=$(swift build -c release --show-bin-path)
"$BIN/generate-fixtures" bench-tree "$TREE" "$PAIRS" "$PLANES"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)"; exit 1; }
run() { /usr/bin/time -f "$1 %e s %M KB" "${@:2}" >/dev/null 2>>"$OUT/times.txt" || true; }
for i in $(seq "$N"); do
  run "batch_jobs1" "$BIN/lesion-density" batch "$TREE" --out "$OUT/r1" --jobs 1 --quiet
  run "batch_jobs2" "$BIN/lesion-density" batch "$TREE" --out "$OUT/r2" --jobs 2 --quiet
  run "pydicom_numpy" env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 "$(dirname "$0")/batch_pydicom.py" "$TREE"
done
grep -E "^(batch_jobs|pydicom)" "$OUT/times.txt" | sort | awk '{t[$1]=t[$1] " " $2; m[$1]=$4} END {for (k in t) print k ": wall s" t[k] ", peak RSS " m[k] " KB"}'
