#!/usr/bin/env bash
# Plan benchmark (not a test): times 'deployguard plan' on synthetic plans of 1k, 10k and 100k
# resources with the heap capped at 256 MB, and jq doing a comparable check on the same files.
# Also times Jackson merely tokenising each file (the floor any streaming reader pays).
# Usage: bench/plan-bench.sh [RUNS]   (default 3 runs each; the best wall time and its peak RSS
# are reported). Needs /usr/bin/time and jq.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"

[ -f target/deployguard-*-all.jar ] || mvn -q -B -DskipTests package
mkdir -p bench-data
for n in 1000 10000 100000; do
  f="bench-data/plan-$n.json"
  [ -f "$f" ] || java src/bench/java/io/deployguard/bench/PlanGenerator.java "$n" "$f"
done

# The tokenisation floor: Jackson reading every token, nothing else (same jar, own JVM).
mkdir -p target/bench-classes
javac -d target/bench-classes -cp target/deployguard-*-all.jar src/bench/java/io/deployguard/bench/Tokenize.java

# Best of $runs: prints "wall_seconds peak_rss_kb exit_code".
measure() {
  local best="" line stats
  stats=$(mktemp)
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$stats" -f "%e %M %x" "$@" >/dev/null 2>&1 || true
    line=$(tail -1 "$stats")
    if [ -z "$best" ] || awk -v a="${line%% *}" -v b="${best%% *}" 'BEGIN{exit !(a<b)}'; then best="$line"; fi
  done
  rm -f "$stats"
  echo "$best"
}

printf '| input | size | deployguard wall (s) | deployguard peak RSS (MB) | exit | Jackson tokens only (s) | jq wall (s) | jq peak RSS (MB) |\n'
printf '|---|---|---|---|---|---|---|---|\n'
for f in examples/plans/open-security-group.json bench-data/plan-1000.json bench-data/plan-10000.json bench-data/plan-100000.json; do
  size=$(du -h "$f" | cut -f1)
  read -r dw dm dx < <(measure java -Xmx256m -jar target/deployguard-*-all.jar plan --format text "$f")
  read -r tw _ _ < <(measure java -Xmx256m -cp "target/bench-classes:$(echo target/deployguard-*-all.jar)" io.deployguard.bench.Tokenize "$f")
  read -r jw jm _ < <(measure jq -f bench/world-ingress.jq "$f")
  printf '| %s | %s | %s | %d | %s | %s | %s | %d |\n' "$f" "$size" "$dw" $((dm / 1024)) "$dx" "$tw" "$jw" $((jm / 1024))
done
