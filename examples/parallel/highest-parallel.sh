#!/usr/bin/env bash
# The Slurm recipe without a cluster: K parts run by GNU parallel on this machine (or, with
# parallel's --sshlogin, on several), then one merge. Prints the merged result on standard output.
#
#   K=4 N=100 examples/parallel/highest-parallel.sh data/*.gz > top100.json
#
# Settings (environment): N (required), K (default 4), HIGHEST (default "highest"),
# OUT (folder for the part files, default: a temporary folder removed at the end),
# OPTIONS (extra options for the final run, e.g. "--compact").
# The short version, for paths without blanks (examples/slurm/README.md):
#   rm -f part-*.lines part-*.tmp &&
#     seq 0 $((K-1)) | parallel -j $K --halt now,fail=1 "highest --shard {}/$K --lines data/* $N > part-{}.tmp && mv part-{}.tmp part-{}.lines" &&
#     highest $(seq -f 'part-%g.lines' 0 $((K-1))) $N
set -euo pipefail

: "${N:?set N, how many records to print}"
K=${K:-4}
HIGHEST=${HIGHEST:-highest}
[ $# -ge 1 ] || { echo "highest-parallel: no inputs given" >&2; exit 64; }
if [ -n "${OUT:-}" ]; then
  mkdir -p "$OUT"
  # First, no parts of an earlier run: a rerun that fails must not leave them for a merge by hand.
  rm -f "$OUT"/part-*.lines "$OUT"/part-*.lines.tmp
else
  OUT=$(mktemp -d)
  trap 'rm -rf "$OUT"' EXIT
fi

# -q quotes every argument (blanks in paths are safe); sh -c only adds the redirection to a
# temporary name, renamed on success (a part file exists only if its part succeeded).
# --halt now,fail=1: the first failed part stops the others, and parallel fails (set -e: no merge).
# $HIGHEST is unquoted on purpose: it may hold a command with arguments.
# shellcheck disable=SC2016,SC2086
seq 0 $((K - 1)) | parallel -q -j "$K" --halt now,fail=1 \
  sh -c '"$@" > "$0.tmp" && mv "$0.tmp" "$0"' "$OUT/part-{}.lines" $HIGHEST --shard "{}/$K" --lines "$@" "$N"

# The merge: the parts in part order (0..K-1, not a glob: part-10 would sort before part-2).
# shellcheck disable=SC2046,SC2086
$HIGHEST ${OPTIONS:-} $(seq -f "$OUT/part-%g.lines" 0 $((K - 1))) "$N"
