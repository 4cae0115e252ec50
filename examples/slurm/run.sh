#!/usr/bin/env bash
# Submits the top-N search as a Slurm job array of K parts plus a merge job that runs only if every
# part succeeded. Prints the two job ids ("<array id> <merge id>") and where the result will be.
#
#   K=8 N=100 OUT=/shared/highest-out examples/slurm/run.sh /shared/data/*.gz
#
# With --wait (first argument) it blocks instead: `sbatch --wait` for the array, then (only if every
# part succeeded) for the merge; it prints the result on standard output and exits 0, or exits
# non-zero naming each failed part (its array task) and its log file, with the log's last line:
#
#   K=8 N=100 OUT=/shared/highest-out examples/slurm/run.sh --wait /shared/data/*.gz > top100.json
#
# Settings (environment):
#   N        how many records (required)
#   K        how many parts, i.e. array tasks (default 8)
#   OUT      output folder, on a filesystem every node sees (default ./highest-out)
#   HIGHEST  the highest command (default "highest"), e.g. "node /opt/highest/build/node/highest-cli.js"
#   INPUTS   the inputs, split at blanks, used when no arguments are given
#   OPTIONS  extra options for the merge's final run (e.g. "--compact")
#   SBATCH_OPTIONS  extra sbatch options for both jobs (e.g. "--partition=short --time=1:00:00")
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
wait=
if [ "${1:-}" = --wait ]; then wait=1; shift; fi

: "${N:?set N, how many records to print}"
K=${K:-8}
OUT=$(realpath -m "${OUT:-highest-out}")
export N K OUT HIGHEST="${HIGHEST:-highest}" OPTIONS="${OPTIONS:-}"
if [ $# -eq 0 ]; then
  read -r -a inputs <<<"${INPUTS:-}"
  set -- "${inputs[@]}"
fi
[ $# -ge 1 ] || { echo "run.sh: no inputs (give them as arguments or in INPUTS)" >&2; exit 64; }
# The merge reads the parts' --lines files: locations would name those (part-0.lines, line 1), not the inputs.
case " $OPTIONS " in *" --locations "*) echo "run.sh: OPTIONS cannot hold --locations: the merge would name the part files, not your inputs (run one part with --locations instead)" >&2; exit 64;; esac

mkdir -p "$OUT/logs"
rm -f "$OUT"/part-*.lines "$OUT"/part-*.lines.tmp "$OUT/result.json" # no stale parts from an earlier run

# sbatch --wait "$@": says "run.sh: <label> submitted, waiting" as soon as the id is known (label is a
# printf format for the id), then waits for the job's end. Sets job_id and job_status (for an array,
# the highest exit code of its tasks). sbatch --parsable prints the id at once, then blocks.
sbatch_wait() {
  local label=$1 line
  shift
  job_id='' job_status=''
  while read -r line; do
    case $line in
      "status "*) job_status=${line#status } ;;
      *) [ -n "$job_id" ] && continue
         job_id=${line%%;*} # "id" or "id;cluster"
         # shellcheck disable=SC2059 # the label is the format
         printf "run.sh: $label submitted, waiting\n" "$job_id" >&2 ;;
    esac
  done < <(status=0; sbatch --wait --parsable "$@" || status=$?; echo "status $status") # || : set -e holds in there too
}

# The last line of a log, indented under the message that names it (nothing if it is empty or missing).
last_line() {
  local last
  last=$(tail -n 1 "$1" 2>/dev/null) || true
  [ -z "$last" ] || echo "run.sh:   $last" >&2
}

# --wait: the array, then the merge, one after the other; the merge is submitted only once every
# part has succeeded, so it needs no dependency. Which parts failed is read from $OUT (a part file
# exists only if its part succeeded, and the old ones are gone), not from Slurm, whose record of a
# finished job may already be purged (MinJobAge) or never kept (no accounting).
if [ -n "$wait" ]; then
  # shellcheck disable=SC2086 # SBATCH_OPTIONS may hold several options
  sbatch_wait "array job %s ($K parts)" ${SBATCH_OPTIONS:-} --array="0-$((K - 1))" --export=ALL \
    --output="$OUT/logs/part-%a.out" --error="$OUT/logs/part-%a.err" "$here/highest-array.sbatch" "$@"
  [ -n "$job_id" ] || { echo "run.sh: sbatch could not submit the array" >&2; exit "${job_status:-1}"; }
  array=$job_id
  failed=0
  for i in $(seq 0 $((K - 1))); do
    [ -f "$OUT/part-$i.lines" ] && continue
    failed=$((failed + 1))
    echo "run.sh: part $i of $K failed (array task ${array}_$i); its log: $OUT/logs/part-$i.err" >&2
    last_line "$OUT/logs/part-$i.err"
  done
  if [ "$failed" -gt 0 ] || [ "$job_status" != 0 ]; then
    if [ "$failed" -gt 0 ]; then
      echo "run.sh: $failed of $K parts failed: no merge, no result" >&2
    else
      echo "run.sh: array job $array ended with exit code $job_status: no merge, no result" >&2
    fi
    [ "$job_status" != 0 ] && exit "$job_status"
    exit 1 # a part that never ran (cancelled, its node lost) leaves exit code 0 and no part file
  fi
  # shellcheck disable=SC2086
  sbatch_wait "merge job %s" ${SBATCH_OPTIONS:-} --export=ALL \
    --output="$OUT/logs/merge.out" --error="$OUT/logs/merge.err" "$here/highest-merge.sbatch"
  if [ "$job_status" != 0 ] || [ ! -f "$OUT/result.json" ]; then
    echo "run.sh: the merge failed (job ${job_id:-not submitted}); its log: $OUT/logs/merge.err" >&2
    last_line "$OUT/logs/merge.err"
    [ "$job_status" != 0 ] && exit "$job_status"
    exit 1
  fi
  cat "$OUT/result.json"
  exit 0
fi

# The array: one task per part; each task's standard error goes to logs/part-<task>.err.
# shellcheck disable=SC2086 # SBATCH_OPTIONS may hold several options
array=$(sbatch --parsable ${SBATCH_OPTIONS:-} --array="0-$((K - 1))" --export=ALL \
  --output="$OUT/logs/part-%a.out" --error="$OUT/logs/part-%a.err" \
  "$here/highest-array.sbatch" "$@")
array=${array%%;*} # --parsable prints "id" or "id;cluster"

# The merge: runs when every task of the array ended with exit code 0. If one fails, it never runs
# (with DependencyParameters=kill_invalid_depend it is cancelled, else it stays pending: scancel it).
# shellcheck disable=SC2086
merge=$(sbatch --parsable ${SBATCH_OPTIONS:-} --dependency="afterok:$array" --kill-on-invalid-dep=yes \
  --export=ALL --output="$OUT/logs/merge.out" --error="$OUT/logs/merge.err" \
  "$here/highest-merge.sbatch")
merge=${merge%%;*}

echo "$array $merge"
echo "run.sh: array job $array ($K parts), merge job $merge; result: $OUT/result.json" >&2
