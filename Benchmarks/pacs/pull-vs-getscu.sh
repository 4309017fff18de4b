#!/usr/bin/env bash
# Times `lesion-density pull` against DCMTK's `getscu` on the same Orthanc (Benchmarks/pacs/README.md).
#
#   Benchmarks/pacs/pull-vs-getscu.sh [--rounds N] [--binary PATH] [--series DIR]
#
# One throw-away Orthanc on loopback (orthanc.sh) holds two data sets:
#   example  the bundled example export (Fixtures/example: 4 patients, 9 studies, 241 instances)
#   series   one 300-plane CT series, 512 x 512, uncompressed (the series-bench generator's
#            DIR/raw; generated with `series-bench` when absent)
# Both clients are given the StudyInstanceUIDs and retrieve them with Study Root C-GET into an empty
# folder: pull as one process (its C-FINDs included), getscu as one process with one query file per
# study. The calls alternate (ours, getscu, then getscu, ours in the next round) for --rounds rounds;
# each figure is a median of wall times of whole processes, and the ratio is getscu's median over
# ours (>= 1: pull is as fast or faster; the goal is >= 0.9). getscu runs with TCP_NODELAY=1 as pull
# sets for itself (DCMTK reads it; Docs/PACS.md); one extra getscu run with DCMTK's default is shown.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
rounds=5
binary=""
series=""
while [ $# -gt 0 ]; do
  case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --binary) binary=$2; shift 2 ;;
    --series) series=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v getscu >/dev/null || { echo "getscu not found (Debian dcmtk)" >&2; exit 2; }
command -v dump2dcm >/dev/null || { echo "dump2dcm not found (Debian dcmtk)" >&2; exit 2; }
if [ -z "$binary" ]; then
  (cd "$repo" && swift build -c release --product lesion-density >/dev/null)
  binary="$repo/.build/release/lesion-density"
fi
tmp_root=${TMPDIR:-/tmp}
if [ -z "$series" ]; then
  series="$tmp_root/lesiondensity-seriesbench/raw"
  if [ ! -f "$tmp_root/lesiondensity-seriesbench/complete-v1-300" ]; then
    echo "generating the 300-plane series with series-bench ..."
    swift run -c release --package-path "$repo/Benchmarks" series-bench --rounds 1 --no-peers --dir "$tmp_root/lesiondensity-seriesbench" >/dev/null
  fi
fi

work=$(mktemp -d "$tmp_root/pull-bench.XXXXXX")
source "$here/orthanc.sh"
trap 'orthanc_stop; rm -rf "$work"' EXIT
orthanc_start "$work/orthanc" LDBENCH
node="$ORTHANC_AET@127.0.0.1:$ORTHANC_DICOM"

dicom_files() {  # Part 10 files (DICM at offset 128) under the folders given
  python3 - "$@" <<'PY'
import os, sys
for root in sys.argv[1:]:
    for d, _, names in os.walk(root):
        for n in sorted(names):
            p = os.path.join(d, n)
            with open(p, "rb") as f:
                if f.read(132)[128:] == b"DICM":
                    print(p)
PY
}
echo "uploading to Orthanc $node ..."
mapfile -t example_files < <(dicom_files "$repo/Fixtures/example")
mapfile -t series_files < <(dicom_files "$series")
orthanc_upload "${example_files[@]}" 2>/dev/null
orthanc_upload "${series_files[@]}"
studies_of() {  # StudyInstanceUIDs of the files given (unique)
  python3 -c '
import sys, pydicom
seen = []
for p in sys.argv[1:]:
    try: u = str(pydicom.dcmread(p, stop_before_pixels=True).StudyInstanceUID)
    except Exception: continue
    if u not in seen: seen.append(u)
print(" ".join(seen))' "$@"
}
read -r -a example_studies <<< "$(studies_of "${example_files[@]}")"
read -r -a series_studies <<< "$(studies_of "${series_files[0]}")"
echo "example: ${#example_studies[@]} studies; series: ${#series_files[@]} planes in ${#series_studies[@]} study"

queries() {  # one getscu query file per study, in $work/q-$1/
  local name=$1; shift
  mkdir -p "$work/q-$name"
  local i=0 uid
  for uid in "$@"; do
    i=$((i + 1))
    printf '(0008,0052) CS [STUDY]\n(0020,000d) UI [%s]\n' "$uid" > "$work/q-$name/$i.txt"
    dump2dcm "$work/q-$name/$i.txt" "$work/q-$name/$i.dcm"
  done
}
queries example "${example_studies[@]}"
queries series "${series_studies[@]}"

now() { date +%s.%N; }
run_ours() {  # name study...
  local name=$1; shift
  rm -rf "$work/out"; mkdir -p "$work/out"
  local t0; t0=$(now)
  "$binary" pull --pacs "$node" --calling-aet LDBENCH --study "$@" --into "$work/out" --quiet >/dev/null
  awk -v a="$(now)" -v b="$t0" 'BEGIN { print a - b }'
}
run_getscu() {  # name [env]
  local name=$1 nodelay=${2:-1}
  rm -rf "$work/out"; mkdir -p "$work/out"
  local t0; t0=$(now)
  TCP_NODELAY=$nodelay getscu -q -aet LDBENCH -aec "$ORTHANC_AET" -S -od "$work/out" 127.0.0.1 "$ORTHANC_DICOM" "$work/q-$name"/*.dcm
  awk -v a="$(now)" -v b="$t0" 'BEGIN { print a - b }'
}
count() { find "$work/out" -type f | wc -l; }

declare -A ours theirs
for name in example series; do ours[$name]=""; theirs[$name]=""; done
for r in $(seq 1 "$rounds"); do
  for name in example series; do
    if [ "$name" = example ]; then set -- "${example_studies[@]}"; else set -- "${series_studies[@]}"; fi
    if [ $((r % 2)) -eq 1 ]; then
      a=$(run_ours "$name" "$@"); na=$(count); b=$(run_getscu "$name"); nb=$(count)
    else
      b=$(run_getscu "$name"); nb=$(count); a=$(run_ours "$name" "$@"); na=$(count)
    fi
    [ "$na" = "$nb" ] || echo "warning: $name: pull wrote $na files, getscu $nb" >&2
    ours[$name]+="$a "; theirs[$name]+="$b "
    printf 'round %d %-8s pull %6.3f s  getscu %6.3f s  (%s files)\n' "$r" "$name" "$a" "$b" "$na"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
echo "--- medians of $rounds rounds (release build: $binary)"
for name in example series; do
  mo=$(echo "${ours[$name]}" | median); mt=$(echo "${theirs[$name]}" | median)
  printf '%-8s pull %6.3f s  getscu %6.3f s  speed ratio getscu/pull %.2f (goal >= 0.9)\n' "$name" "$mo" "$mt" "$(awk -v a="$mt" -v b="$mo" 'BEGIN { print a / b }')"
done
printf 'getscu with DCMTK default (Nagle on), example: %.3f s\n' "$(run_getscu example 0)"
# The fixed cost of starting lesion-density (it links ITK, DCMTK, Cairo, ...: ~95 shared libraries).
startup=""
for _ in 1 2 3 4 5; do
  t0=$(now); "$binary" --version >/dev/null; startup+="$(awk -v a="$(now)" -v b="$t0" 'BEGIN { print a - b }') "
done
printf 'lesion-density start-up alone (--version, median of 5): %.3f s\n' "$(echo "$startup" | median)"
