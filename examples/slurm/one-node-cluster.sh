#!/bin/bash
# Runs batch-array.sbatch and merge.sbatch (this folder) on a throwaway one-node Slurm cluster on
# this machine, to try the examples or test them (Tests/CLITests/SlurmClusterTests.swift; Docs/Cluster.md).
# Needs root and Debian slurm-wlm + munge; uses no systemd and touches nothing outside WORK:
# munged with a new key, `slurmctld -D -i` and `slurmd -D` with a minimal slurm.conf, on loopback
# ports free at the start, then `sbatch --array=0-(SHARDS-1) --wait` and the merge as a job
# dependent on it (`--dependency=afterok`, `--wait`); each daemon is stopped by its PID when the script ends, however it ends.
#   sudo examples/slurm/one-node-cluster.sh WORK ROOT SHARDS LESION_DENSITY [BATCH_OPTIONS]
# WORK: an empty folder for slurm.conf, the key, state, logs (WORK/logs) and the results
# (WORK/out/shard-K, WORK/out/merged). Exit 0 when the array and the merge succeeded.
set -euo pipefail
# Closes every descriptor above 2 inherited from whoever started us (a test runner's pipes: a
# daemon holding one open, its reader would wait for end of file for ever); 255 is bash's script.
close_inherited() {
  local fd
  for fd in /proc/$BASHPID/fd/*; do
    fd=${fd##*/}
    if [ "$fd" -gt 2 ] && [ "$fd" -ne 255 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
}
close_inherited
# Signals blocked or ignored by whoever started us (a test runner's worker thread blocks nearly all)
# would stay so in the daemons, and SIGTERM would not stop them: start again with none blocked.
if awk '/^Sig(Blk|Ign):/ && $2 !~ /^0+$/ { found = 1 } END { exit !found }' /proc/$$/status && [ -z "${ONE_NODE_CLUSTER_SIGNALS_RESET:-}" ]; then
  exec env ONE_NODE_CLUSTER_SIGNALS_RESET=1 python3 -c '
import os, signal, sys
for s in range(1, signal.NSIG):
    if s not in (signal.SIGKILL, signal.SIGSTOP):
        try: signal.signal(s, signal.SIG_DFL)
        except (OSError, ValueError): pass
signal.pthread_sigmask(signal.SIG_SETMASK, [])
os.execv("/bin/bash", ["bash"] + sys.argv[1:])' "$0" "$@"
fi
[ $# -ge 4 ] || { echo "usage: $0 WORK ROOT SHARDS LESION_DENSITY [BATCH_OPTIONS]" >&2; exit 2; }
WORK=$(cd "$1" && pwd); ROOT=$2; SHARDS=$3; LESION_DENSITY=$4; BATCH_OPTIONS=${5:-}
HERE=$(cd "$(dirname "$0")" && pwd)
PATH=$PATH:/usr/sbin:/sbin
for tool in munged slurmctld slurmd sbatch sinfo; do
  command -v "$tool" >/dev/null || { echo "$tool not found: install Debian slurm-wlm and munge" >&2; exit 3; }
done
[ "$(id -u)" -eq 0 ] || { echo "a one-node cluster without systemd needs root" >&2; exit 3; }
started=$(date +%s.%N)
say() { printf '%6.2f s  %s\n' "$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')" "$*"; }

LOGS=$WORK/logs
mkdir -p "$WORK/state" "$WORK/spool" "$WORK/munge" "$WORK/out" "$LOGS"
chmod 755 "$WORK" "$WORK/munge"          # munged refuses a socket folder others can write to
dd if=/dev/urandom of="$WORK/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$WORK/munge/munge.key"

# Starts a daemon (in its foreground mode) in the background: output to a log file, stdin from
# /dev/null, no other descriptor; its PID goes to pids.
pids=()
daemon() {
  local log=$1; shift
  ( close_inherited; exec "$@" ) </dev/null >"$LOGS/$log" 2>&1 &
  pids+=("$!")
}
stop() {
  local status=$?
  local w
  for w in ${array:-} ${merge:-}; do kill -TERM "$w" 2>/dev/null || true; done
  # Jobs still there (interrupted): cancelled, and their steps gone, before slurmd stops (a step
  # outliving slurmd would wait for it for ever).
  if [ -n "${jid:-}" ] && [ -n "$(squeue -h -o %i 2>/dev/null)" ]; then
    scancel --quiet $(squeue -h -o %A 2>/dev/null) 2>/dev/null || true
    for _ in $(seq 100); do [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break; sleep 0.1; done
  fi
  # Slurm daemons first (slurmd, slurmctld), munged last; each by its PID, killed after 10 s.
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    local pid=${pids[$i]}
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  say "daemons stopped (${pids[*]:-none}); logs in $LOGS"
  exit "$status"
}
trap stop EXIT
trap 'exit 130' INT TERM

daemon munged.out munged -F --force --key-file "$WORK/munge/munge.key" --socket "$WORK/munge/munge.socket" \
  --pid-file "$WORK/munge/munged.pid" --log-file "$LOGS/munged.log" --seed-file "$WORK/munge/munge.seed"

# Two loopback ports free now (bound to port 0 and read back).
read -r CTLD_PORT SLURMD_PORT < <(python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])')
NODE=$(slurmd -C | head -n 1)          # NodeName=<host> CPUs=… RealMemory=… of this machine
HOST=${NODE%% *}; HOST=${HOST#NodeName=}
export SLURM_CONF=$WORK/slurm.conf
cat >"$SLURM_CONF" <<EOF
ClusterName=ldtest
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
AuthType=auth/munge
AuthInfo=socket=$WORK/munge/munge.socket
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$LOGS/slurmctld.log
SlurmdLogFile=$LOGS/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
SchedulerParameters=batch_sched_delay=0
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MessageTimeout=5
# sbatch --wait polls after 2 s and then 4 times longer each time (2, 10, 42 s) unless that would
# exceed MinJobAge / 2: a completed job kept 4 s makes it poll every 2 s.
MinJobAge=4
$NODE NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
EOF
for _ in $(seq 50); do [ -S "$WORK/munge/munge.socket" ] && break; sleep 0.1; done
daemon slurmctld.out slurmctld -D -i
daemon slurmd.out slurmd -D
say "munged, slurmctld, slurmd started (PIDs ${pids[*]}; ports $CTLD_PORT, $SLURMD_PORT)"

state=""
deadline=$(($(date +%s) + 30))
until [ "$state" = idle ]; do
  if [ "$(date +%s)" -ge "$deadline" ]; then echo "the node did not become idle within 30 s (state \"$state\"; logs in $LOGS)" >&2; exit 4; fi
  sleep 0.2
  state=$(timeout 5 sinfo -h -o %T 2>/dev/null | head -n 1 || true)
done
say "node $HOST idle"

export ROOT SHARDS LESION_DENSITY BATCH_OPTIONS OUT=$WORK/out
# The array with --wait in the background; the merge submitted at once, dependent on it, as a user
# would (Docs/Cluster.md); then both sbatch --wait must succeed.
sbatch --wait --array=0-$((SHARDS - 1)) --cpus-per-task=1 --mem=256M --output="$LOGS/task-%a.out" \
  "$HERE/batch-array.sbatch" >"$LOGS/sbatch-array.out" 2>&1 &
array=$!
jid=""
for _ in $(seq 100); do
  jid=$(awk '/^Submitted batch job/ { print $4 }' "$LOGS/sbatch-array.out")
  [ -n "$jid" ] && break
  kill -0 "$array" 2>/dev/null || break
  sleep 0.1
done
[ -n "$jid" ] || { echo "sbatch did not submit the array: $(cat "$LOGS/sbatch-array.out")" >&2; exit 5; }
say "array job $jid submitted"
sbatch --wait --dependency=afterok:"$jid" --output="$LOGS/merge.out" "$HERE/merge.sbatch" >"$LOGS/sbatch-merge.out" 2>&1 &
merge=$!
# In the background and waited for: a SIGTERM to this script interrupts `wait` (not a foreground sbatch).
status=0; wait "$array" || status=$?
merged=0; wait "$merge" || merged=$?
say "array job $jid: sbatch exit $status; merge job: sbatch exit $merged; results in $OUT/merged"
[ "$status" -eq 0 ] && [ "$merged" -eq 0 ] || { cat "$LOGS/sbatch-array.out" "$LOGS/sbatch-merge.out" >&2; exit 1; }
