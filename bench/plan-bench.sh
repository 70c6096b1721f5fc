#!/usr/bin/env bash
# Plan benchmark (not a test): `deployguard plan` with the heap capped at 256 MB on synthetic plans
# (10k and 100k resources, and two of 1 GB: 100k resources with large policies, and 800k resources),
# each figure next to its floor from the same run: Jackson merely tokenising the same file with the
# same JVM settings (src/bench/java/io/deployguard/bench/Tokenize.java). Both JVM settings are
# measured: the JVM's defaults and the launchers' (C1 only, parallel GC, class-data archive). Peak RSS
# is printed beside jq's doing a comparable check (bench/world-ingress.jq).
# Usage: bench/plan-bench.sh [RUNS] (default 5 pairs per figure; BIG_RUNS, default 1, for the 1 GB
# plans; PLANS="FILE..." to measure only those). Needs /usr/bin/time and jq; writes the plans to
# bench-data/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
big_runs="${BIG_RUNS:-1}"
. bench/lib.sh
command -v jq > /dev/null || { echo "needs jq" >&2; exit 2; }

plan() { # plan FILE RESOURCES [PAD_BYTES]: generates FILE unless it is there
  [ -f "$1" ] && return 0
  java src/bench/java/io/deployguard/bench/PlanGenerator.java "$2" "$1.part" ${3:+"$3"}
  mv -f "$1.part" "$1"
}
plan bench-data/plan-10000.json 10000
plan bench-data/plan-100000.json 100000
# 1 GB with the resources (and findings) of the 100k plan: 6700 bytes of policy per unchecked resource.
plan bench-data/plan-1g-100k.json 100000 6700
# 1 GB of the usual mix: 800k resources, 480k security-group rules.
plan bench-data/plan-800000.json 800000

# In a jar of its own: a class-data archive takes no classes from a directory.
mkdir -p target/bench-classes
javac -d target/bench-classes -cp "$jar" src/bench/java/io/deployguard/bench/Tokenize.java
jar cf target/bench-tokenize.jar -C target/bench-classes io/deployguard/bench/Tokenize.class
tok_cp="target/bench-tokenize.jar:$jar"
example=examples/plans/open-security-group.json
read -r -a dg_cds <<< "$(cds_archive plan-bench-dg "${dg_launcher[@]}" plan --format text "$example")"
read -r -a tok_cds <<< "$(cds_archive plan-bench-tokenize -cp "$tok_cp" io.deployguard.bench.Tokenize "$example")"

echo "Plan benchmark, $(machine)"
echo
echo "Command: bench/plan-bench.sh $runs (BIG_RUNS=$big_runs) with $jar; load average at start: $(load)"
echo
echo "| input | size | JVM settings | deployguard wall (s) | floor: Jackson tokens only (s) | ratio, wall | ratio, CPU | target | deployguard / floor peak RSS (MB) | exit |"
echo "|---|---|---|---|---|---|---|---|---|---|"
read -r -a inputs <<< "${PLANS:-$example bench-data/plan-10000.json bench-data/plan-100000.json bench-data/plan-1g-100k.json bench-data/plan-800000.json}"
for f in "${inputs[@]}"; do
  n=$runs
  case "$f" in *1g*|*800000*) n=$big_runs ;; esac
  size=$(du -h --apparent-size "$f" | cut -f1)
  for setting in default launcher; do
    if [ "$setting" = default ]; then
      opts=("${default_opts[@]}"); dopts=("${dg_default[@]}"); topts=(); label="default (-Xmx256m)"
    else
      opts=("${launcher_opts[@]}"); dopts=("${dg_cds[@]}" "${dg_launcher[@]}"); topts=("${tok_cds[@]}"); label="launcher (${launcher_opts[*]:1}, CDS)"
    fi
    pairs "$n" java "${opts[@]}" "${topts[@]}" -cp "$tok_cp" io.deployguard.bench.Tokenize "$f" \
      -- java "${opts[@]}" "${dopts[@]}" plan --format text "$f"
    target="-"
    [ "$f" = bench-data/plan-100000.json ] && target="≤ 1.5: $(verdict "$p_ratio" 1.5)"
    case "$p_status" in *OOM*|*crash*) p_ratio="failed"; p_cpu_ratio="failed" ;; esac
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %d / %d | %s |\n' "$f" "$size" "$label" "$p_dg_wall" "$p_floor_wall" \
      "$p_ratio" "$p_cpu_ratio" "$target" "$(mb "$p_dg_rss")" "$(mb "$p_floor_rss")" "$p_status"
  done
done

echo
echo "| input | jq wall (s) | jq peak RSS (MB) |"
echo "|---|---|---|"
for f in bench-data/plan-100000.json bench-data/plan-1g-100k.json; do
  case " ${inputs[*]} " in *" $f "*) ;; *) continue ;; esac
  read -r jw _ jm _ <<< "$(once jq -f bench/world-ingress.jq "$f")"
  printf '| %s | %s | %d |\n' "$f" "$jw" "$(mb "$jm")"
done
echo
echo "Median of $runs pairs ($big_runs for the 1 GB plans); ratios are per pair, then the median. Exit 1 = findings."
echo
echo "Load average at end: $(load)"
