#!/usr/bin/env bash
# A throwaway one-node Slurm cluster on 127.0.0.1 (munge, slurmctld, slurmd from Debian's packages
# slurm-wlm and munge), for tests. It keeps everything in a fresh folder and stops every process it
# started, on every path.
#
#   cluster.sh run <command> [args...]   start, run the command with SLURM_CONF set, stop;
#                                        exits with the command's status
#   cluster.sh up                        start, print "SLURM_CONF=...", "ports=...", "marker=..." and
#                                        "ready", then stay up until standard input closes (or a
#                                        SIGTERM/SIGINT/SIGHUP), then stop
#
# Settings (environment): CLUSTER_TIMEOUT (seconds, default 300: the whole cluster's lifetime; after
# it everything is stopped), SLURMCTLD_PORT / SLURMD_PORT (default: two free ports).
#
# Backstop: the script re-runs itself under `timeout -k 10 $CLUSTER_TIMEOUT unshare --pid --fork
# --kill-child --mount-proc --uts`, so when the inner script dies (even by SIGKILL), the kernel ends
# every process of the cluster and its jobs with it; the outer script removes the state folder.
# Inside, the host name is set to "localhost" so the daemons bind to 127.0.0.1 whatever the
# machine's name resolves to.
set -euo pipefail

mode=${1:-}
case "$mode" in
  run) [ $# -ge 2 ] || { echo "usage: $0 run <command> [args...]" >&2; exit 64; } ;;
  up) ;;
  *) echo "usage: $0 run <command> [args...] | $0 up" >&2; exit 64 ;;
esac

for tool in munged mungekey slurmctld slurmd sinfo scancel timeout unshare; do
  command -v "$tool" >/dev/null || { echo "cluster: $tool not found (apt-get install --no-install-recommends slurm-wlm munge)" >&2; exit 69; }
done

if [ -z "${HIGHEST_CLUSTER_INSIDE:-}" ]; then
  # Outside: make the state folder (removed here at the end, also when the inside was killed), then
  # run the inside under the backstop and pass signals on to it.
  # Private checkouts are fine, but munged wants every folder on its socket path to be
  # world-executable, so the state lives in its own folder, mode 755.
  parent=${TMPDIR:-/tmp}
  for dir in "$parent" $(p=$parent; while [ "$p" != / ] && [ "$p" != . ]; do p=$(dirname "$p"); echo "$p"; done); do
    [ -n "$(find "$dir" -maxdepth 0 -perm -o+x 2>/dev/null)" ] || { parent=/tmp; break; }
  done
  D=$(mktemp -d "$parent/highest-slurm.XXXXXX")
  chmod 755 "$D"
  trap 'rm -rf "$D"' EXIT
  export HIGHEST_CLUSTER_DIR="$D" HIGHEST_CLUSTER_INSIDE=1
  namespace=(unshare --pid --fork --kill-child --mount-proc --uts)
  if ! "${namespace[@]}" true 2>/dev/null; then
    echo "cluster: unshare --pid is not allowed here; running without the namespace backstop" >&2
    namespace=()
    HIGHEST_CLUSTER_INSIDE=no-namespace
  fi
  timeout -k 10 "${CLUSTER_TIMEOUT:-300}" "${namespace[@]}" "$BASH" "$0" "$@" <&0 &
  inside=$!
  trap 'kill -TERM "$inside" 2>/dev/null' TERM INT HUP
  while :; do
    status=0
    wait "$inside" || status=$?
    kill -0 "$inside" 2>/dev/null || exit "$status"
  done
fi
[ "$HIGHEST_CLUSTER_INSIDE" = 1 ] && hostname localhost

D=$HIGHEST_CLUSTER_DIR
mkdir -p "$D/munge" "$D/state" "$D/spool" "$D/log"
# Every process started from here carries this marker in its environment: the test looks for it
# to prove that nothing is left running.
export HIGHEST_SLURM_CLUSTER="$D"

pids=()      # daemons, in start order
stopping=0

log_tails() {
  for f in "$D"/log/munged.out "$D"/log/slurmctld.out "$D"/log/slurmd.out; do
    [ -f "$f" ] && { echo "--- $f" >&2; tail -n 15 "$f" >&2; }
  done
  return 0
}

# shellcheck disable=SC2317 # called from the EXIT trap
stop_cluster() {
  [ "$stopping" = 1 ] && return 0
  stopping=1
  set +e
  trap '' TERM INT HUP # a second signal must not cut the stop short
  if [ -n "${SLURM_CONF:-}" ] && [ "${#pids[@]}" -ge 2 ] && kill -0 "${pids[1]}" 2>/dev/null; then
    timeout 3 scancel --quiet --user=root >/dev/null 2>&1
  fi
  # SIGTERM one by one in reverse start order (5 s in all), then SIGKILL what is left.
  local i p deadline=$((SECONDS + 5))
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    p=${pids[i]}
    kill -TERM "$p" 2>/dev/null
    while kill -0 "$p" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.05; done
  done
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null; done
  if [ "$HIGHEST_CLUSTER_INSIDE" = no-namespace ]; then
    # No PID namespace: also end job steps and anything else carrying the marker.
    for env in /proc/[0-9]*/environ; do
      p=${env#/proc/}; p=${p%/environ}
      [ "$p" = $$ ] && continue
      tr '\0' '\n' <"$env" 2>/dev/null | grep -qxF "HIGHEST_SLURM_CLUSTER=$D" && kill -KILL "$p" 2>/dev/null
    done
  fi
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  rm -rf "$D"
}
trap stop_cluster EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
trap 'exit 129' HUP

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 20000))
    ss -Htan "( sport = :$port )" 2>/dev/null | grep -q . || { echo "$port"; return 0; }
  done
  echo "cluster: no free port found" >&2
  return 1
}
ctld_port=${SLURMCTLD_PORT:-$(free_port)}
slurmd_port=${SLURMD_PORT:-$(free_port)}
[ "$ctld_port" != "$slurmd_port" ] || slurmd_port=$((ctld_port + 1))

# --- munge
mungekey --create --keyfile="$D/munge/munge.key" --force
munged --foreground --key-file="$D/munge/munge.key" --socket="$D/munge/munge.socket.2" \
  --pid-file="$D/munge/munged.pid" --log-file="$D/munge/munged.log" --seed-file="$D/munge/munged.seed" \
  >>"$D/log/munged.out" 2>&1 &
pids+=($!)

# --- slurm.conf (non-default ports, nothing on 0.0.0.0, a failed dependency cancels the job)
cat >"$D/slurm.conf" <<EOF
ClusterName=highest-ci
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$D/munge/munge.socket.2
CredType=cred/munge
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/log/slurmctld.log
SlurmdLogFile=$D/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
# Ended jobs stay listed by squeue this long: slurm.test.ts reads their states once, after a job that waits for them.
MinJobAge=300
CommunicationParameters=NoCtldInAddrAny,NoInAddrAny
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
DependencyParameters=kill_invalid_depend
NodeName=node0 NodeHostname=localhost NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$D/slurm.conf"

# Wait for munge's socket before starting the daemons that need it.
deadline=$((SECONDS + 15))
until [ -S "$D/munge/munge.socket.2" ]; do
  kill -0 "${pids[0]}" 2>/dev/null || { echo "cluster: munged exited" >&2; log_tails; exit 1; }
  [ "$SECONDS" -lt "$deadline" ] || { echo "cluster: munged not ready in 15 s" >&2; log_tails; exit 1; }
  sleep 0.1
done

slurmctld -D -i >>"$D/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -N node0 >>"$D/log/slurmd.out" 2>&1 &
pids+=($!)

# Ready when the node shows up idle.
deadline=$((SECONDS + 30))
until [ "$(timeout 5 sinfo -h -o %t 2>/dev/null || true)" = idle ]; do
  for p in "${pids[@]}"; do
    kill -0 "$p" 2>/dev/null || { echo "cluster: a daemon exited during start" >&2; log_tails; exit 1; }
  done
  [ "$SECONDS" -lt "$deadline" ] || { echo "cluster: node not idle in 30 s" >&2; log_tails; exit 1; }
  sleep 0.2
done

if [ "$mode" = up ]; then
  echo "SLURM_CONF=$SLURM_CONF"
  echo "ports=$ctld_port,$slurmd_port"
  echo "marker=HIGHEST_SLURM_CLUSTER=$D"
  echo ready
  # Stay up until standard input closes. `wait` returns at once on a trapped signal.
  cat >/dev/null <&0 &
  reader=$!
  wait "$reader" || true
  kill "$reader" 2>/dev/null || true
  exit 0
fi

shift
set +e
"$@"
status=$?
set -e
exit "$status"
