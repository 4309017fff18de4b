#!/usr/bin/env bash
# The time propagation adds to a batch: PAIRS pairs of the synthetic trunk (Docs/Longitudinal.md),
# each with two lesions, outlined at both scans ("drawn": nothing carried) or at the first scan only
# ("carried": each follow-up lesion registered with ITK and carried). Both trees are run interleaved
# REPEATS times in one session; the script prints the median wall times and
# (carried − drawn) / lesions carried, the cost of propagation per lesion.
# Usage: bash Benchmarks/propagation/compare.sh [PAIRS] [REPEATS] [JOBS]   (from the repository root)
set -euo pipefail
PAIRS=${1:-20}; N=${2:-3}; JOBS=${3:-2}
WORK=$(mktemp -d -t ld-prop.XXXX)
trap 'rm -rf "$WORK"' EXIT
swift build -c release --product lesion-density >/dev/null
swift build -c release --product generate-fixtures >/dev/null
BIN=$(swift build -c release --show-bin-path)
"$BIN/generate-fixtures" propagation-tree "$WORK/drawn" "$PAIRS" drawn
"$BIN/generate-fixtures" propagation-tree "$WORK/carried" "$PAIRS" carried
seconds() { local s e; s=$(date +%s.%N); "$BIN/lesion-density" batch "$1" --out "$2" --jobs "$JOBS" --quiet --no-pictures --no-dicom >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }
: > "$WORK/times"
for i in $(seq "$N"); do
  echo "drawn $(seconds "$WORK/drawn" "$WORK/out-d")" >> "$WORK/times"
  echo "carried $(seconds "$WORK/carried" "$WORK/out-c")" >> "$WORK/times"
done
median() { grep "^$1 " "$WORK/times" | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
D=$(median drawn); C=$(median carried)
LESIONS=$(python3 -c "import json;d=json.load(open('$WORK/out-c/results.json'));print(sum(1 for p in d['pairs'] for l in p['lesions'] if (l.get('registration') or {}).get('method')=='itk_rigid'))")
echo "pairs $PAIRS, jobs $JOBS, repeats $N: drawn median ${D} s, carried median ${C} s, lesions carried ${LESIONS}"
python3 -c "d=$D;c=$C;n=max($LESIONS,1);print(f'propagation adds {c-d:.2f} s per batch, {(c-d)/n:.3f} s per lesion (goal <= 1.5 s); ratio carried/drawn {c/d:.2f}')"
