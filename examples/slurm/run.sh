#!/usr/bin/env bash
# Submits the top-N search as a Slurm job array of K parts plus a merge job that runs only if every
# part succeeded. Prints the two job ids ("<array id> <merge id>") and where the result will be.
#
#   K=8 N=100 OUT=/shared/highest-out examples/slurm/run.sh /shared/data/*.gz
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
