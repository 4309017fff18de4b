#!/usr/bin/env bash
# Reading a 512 x 512 x PLANES NIfTI label map with 10 labels and measuring all of them, whole
# process: `lesion-density measure --series CT --rois mask.nii.gz --json` against
# labelmap_numpy.py (pydicom + nibabel + numpy doing the same), interleaved, in one run; prints
# the median wall times and their ratio (goal: >= 5).
# Usage: bash Benchmarks/labelmap/compare.sh [PLANES] [REPEATS]   (from the repository root)
set -euo pipefail
PLANES=${1:-300}; N=${2:-3}
TREE=$(mktemp -d -t ld-bench-labelmap.XXXX)
trap 'rm -rf "$TREE"' EXIT
swift build -c release --product lesion-density >/dev/null
swift build -c release --product generate-fixtures >/dev/null
BIN=$(swift build -c release --show-bin-path)
"$BIN/generate-fixtures" bench-tree "$TREE/tree" 1 "$PLANES" >/dev/null
CT="$TREE/tree/BENCH000/20240110"
rm -f "$CT/rois.json"
python3 "$(dirname "$0")/make_labelmap.py" "$TREE/mask.nii.gz" "$PLANES"
ours=(); peer=()
for i in $(seq "$N"); do
  t0=$(date +%s.%N); "$BIN/lesion-density" measure --series "$CT" --rois "$TREE/mask.nii.gz" --json >"$TREE/ours.json"; t1=$(date +%s.%N)
  env -u OPENBLAS_CORETYPE python3 "$(dirname "$0")/labelmap_numpy.py" "$CT" "$TREE/mask.nii.gz" >"$TREE/peer.json"; t2=$(date +%s.%N)
  ours+=("$(echo "$t1 - $t0" | bc)"); peer+=("$(echo "$t2 - $t1" | bc)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mo=$(median "${ours[@]}"); mp=$(median "${peer[@]}")
python3 - "$TREE/ours.json" "$TREE/peer.json" <<'PY'
import json, sys
ours = {l["source"]["label_value"]: l["statistics"] for l in json.load(open(sys.argv[1]))["lesions"]}
peer = {int(k): v for k, v in json.load(open(sys.argv[2])).items()}
assert sorted(ours) == sorted(peer), (sorted(ours), sorted(peer))
for k, v in peer.items():
    assert ours[k]["voxel_count"] == v["voxels"] and abs(ours[k]["mean_hu"] - v["mean"]) < 1e-3, (k, ours[k]["mean_hu"], v["mean"])
print(f"same voxel counts and means for {len(peer)} labels")
PY
echo "lesion-density measure: ${ours[*]} s (median $mo)"
echo "pydicom+nibabel+numpy:  ${peer[*]} s (median $mp)"
echo "ratio (peer / ours): $(echo "scale=2; $mp / $mo" | bc)"
