#!/usr/bin/env bash
# Issue 16's goal for `measure`: whole process, a box over the whole 300 x 512 x 512 series of
# series-bench against ../shared/bench/series_pydicom.py's full load of the same files (pydicom +
# numpy: read every file, sort, HU volume), interleaved (ours, peer, ours, peer ...), one warm-up
# each; prints both medians and their ratio (goal >= 3, stretch 4). Our run must measure every
# voxel: voxel_count = 300 x 512 x 512.
# Usage: bash Benchmarks/measure/compare.sh [SERIES_FOLDER] [REPEATS]   (from the repository root;
# the default folder is the one `series-bench` writes, `raw` under $TMPDIR/lesiondensity-seriesbench)
set -euo pipefail
TMP=$(python3 -c 'import tempfile; print(tempfile.gettempdir())')
SERIES=${1:-$TMP/lesiondensity-seriesbench/raw}; N=${2:-5}
PEER="$(cd "$(dirname "$0")/../.." && pwd)/../shared/bench/series_pydicom.py"
[ -d "$SERIES" ] || { echo "no series at $SERIES: run series-bench once (README, Performance)" >&2; exit 1; }
WORK=$(mktemp -d -t ld-bench-measure.XXXX)
trap 'rm -rf "$WORK"' EXIT
swift build -c release --product lesion-density >/dev/null
BIN=$(swift build -c release --show-bin-path)
# Voxel centres span x, y -179.2 ... 178.5 mm and z -150 ... 149 mm (Benchmarks/Sources/series-bench/SeriesData.swift).
echo '{"lesions": [{"id": "W1", "box_mm": [[-179.25, -179.25, -150.05], [178.55, 178.55, 149.05]]}]}' >"$WORK/whole.rois.json"
ours() { "$BIN/lesion-density" measure --series "$SERIES" --rois "$WORK/whole.rois.json" --json >"$WORK/ours.json"; }
peer() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 "$PEER" "$SERIES" full 1 >"$WORK/peer.txt"; }
ours; peer
python3 - "$WORK/ours.json" <<'PY'
import json, sys
n = json.load(open(sys.argv[1]))["lesions"][0]["statistics"]["voxel_count"]
assert n == 300 * 512 * 512, n
print(f"measure covers all {n} voxels")
PY
o=(); p=()
for i in $(seq "$N"); do
  t0=$(date +%s.%N); ours; t1=$(date +%s.%N); peer; t2=$(date +%s.%N)
  o+=("$(echo "$t1 - $t0" | bc)"); p+=("$(echo "$t2 - $t1" | bc)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mo=$(median "${o[@]}"); mp=$(median "${p[@]}")
echo "lesion-density measure, whole box: ${o[*]} s (median $mo)"
echo "series_pydicom.py full:            ${p[*]} s (median $mp)"
echo "ratio (peer / ours): $(echo "scale=2; $mp / $mo" | bc)"
