#!/usr/bin/env bash
# Tests/Fuzz/run.sh SECONDS [TARGET...]: builds the libFuzzer targets once (Tests/Fuzz package,
# AddressSanitizer + coverage), then runs each target for SECONDS on a seed corpus and prints its
# executions per second and total executions. Fails (exit 1) on any crash, sanitizer report or
# timeout; the input that caused it is kept under .build-fuzz/artifacts/ and named in the output.
# Seeds: small generated inputs in Tests/Fuzz/seeds/<target>/ plus DICOM files of ../shared/data and
# ../shared/cases, copied at run time into a temporary corpus (never into the repository).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
seconds=${1:-20}
shift || true
all_targets=(dicom-header seg rtstruct reg nifti nrrd roi-json criteria manifest results)
[ $# -gt 0 ] && targets=("$@") || targets=("${all_targets[@]}")

scratch="$root/.build-fuzz"
shared="$root/../shared"

# libFuzzer without its main: the toolchain's clang runtime folder.
swiftc_path=$(command -v swiftc)
toolchain=$(dirname "$(dirname "$(readlink -f "$swiftc_path")")")
fuzzer_lib=$(ls "$toolchain"/lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a 2>/dev/null | head -1 || true)
if [ -z "$fuzzer_lib" ]; then
  fuzzer_lib=$(ls "$toolchain"/lib/swift/clang/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a 2>/dev/null | head -1 || true)
fi
if [ -z "$fuzzer_lib" ]; then echo "fuzz: libclang_rt.fuzzer_no_main not found under $toolchain" >&2; exit 1; fi

t0=$(date +%s)
echo "fuzz: building (release, -sanitize=address, coverage) into .build-fuzz"
swift build --package-path Tests/Fuzz --scratch-path "$scratch" -c release --product lesion-fuzz \
  -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
  -Xcc -fsanitize=address,fuzzer-no-link -Xcxx -fsanitize=address,fuzzer-no-link \
  -Xlinker "$fuzzer_lib" 2>&1 | grep -E "error|warning: unre|Compiling|Build complete" | grep -v "^\[" || true
binary="$scratch/release/lesion-fuzz"
[ -x "$binary" ] || { echo "fuzz: build failed" >&2; exit 1; }
echo "fuzz: built in $(( $(date +%s) - t0 ))s"

work=$(mktemp -d "${TMPDIR:-/tmp}/lesion-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
artifacts="$scratch/artifacts"
mkdir -p "$artifacts"

# seed TARGET: the corpus folder of TARGET, filled with its seeds.
seed() {
  local target=$1 corpus="$work/corpus-$1"
  mkdir -p "$corpus"
  [ -d "Tests/Fuzz/seeds/$target" ] && cp "Tests/Fuzz/seeds/$target"/* "$corpus"/ 2>/dev/null || true
  local sop=""
  case $target in
    dicom-header) sop="1.2.840.10008.5.1.4.1.1.2" ;;
    seg) sop="1.2.840.10008.5.1.4.1.1.66.4" ;;
    rtstruct) sop="1.2.840.10008.5.1.4.1.1.481.3" ;;
    reg) sop="1.2.840.10008.5.1.4.1.1.66.1" ;;
    nifti) find "$shared/data" -name "*.nii*" -size -200k 2>/dev/null | head -6 | while read -r f; do
             n="$corpus/$(echo "$f" | md5sum | cut -c1-12)"
             case $f in *.gz) gunzip -c "$f" > "$n.nii" 2>/dev/null || true ;; *) cp "$f" "$n.nii" ;; esac
             [ "$(stat -c %s "$n.nii")" -le 131072 ] || rm -f "$n.nii"
           done ;;
    nrrd) find "$shared/data" -name "*.nrrd" -size -120k 2>/dev/null | head -6 | while read -r f; do
            cp "$f" "$corpus/$(echo "$f" | md5sum | cut -c1-12).nrrd"; done ;;
    roi-json) [ -d "$shared/cases" ] && find "$shared/cases" "$shared/data" -name "*rois*.json" -size -64k 2>/dev/null \
                | head -20 | while read -r f; do cp "$f" "$corpus/$(echo "$f" | md5sum | cut -c1-12).json"; done ;;
    criteria|manifest|results) [ -d "$shared/cases" ] && find "$shared/cases" -name "*.json" -size -64k 2>/dev/null \
                | head -20 | while read -r f; do cp "$f" "$corpus/$(echo "$f" | md5sum | cut -c1-12).json"; done ;;
  esac
  if [ -n "$sop" ] && [ -d "$shared/data" ]; then
    # Small DICOM files of that SOP class (the UID's bytes in the file), at most 12 of them.
    find "$shared/data" "$shared/cases" -type f -size -120k ! -name "*.json" ! -name "*.md" ! -name "*.csv" 2>/dev/null \
      | xargs grep -l -a -F "$sop" 2>/dev/null | head -12 | while read -r f; do
        cp "$f" "$corpus/$(echo "$f" | md5sum | cut -c1-12).dcm"
      done
  fi
  echo "$corpus"
}

status=0
printf '%-14s %10s %12s %8s\n' target "exec/s" executions result
summary=""
for target in "${targets[@]}"; do
  corpus=$(seed "$target")
  log="$work/$target.log"
  rc=0
  LESION_FUZZ_TARGET=$target ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 \
    "$binary" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 -max_len=131072 \
      -print_final_stats=1 -artifact_prefix="$artifacts/$target-" >"$log" 2>&1 || rc=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  result=ok
  if [ "$rc" -ne 0 ]; then
    result="CRASH (rc $rc)"
    status=1
    summary+=$'\n'"== $target: $(grep -E 'ERROR|Fatal error|deadly signal|Test unit written' "$log" | head -5)"
    tail -40 "$log" >&2
  fi
  printf '%-14s %10s %12s %8s\n' "$target" "${rate:-?}" "${execs:-?}" "$result"
done
[ -n "$summary" ] && echo "$summary"
echo "fuzz: total $(( $(date +%s) - t0 ))s"
exit $status
