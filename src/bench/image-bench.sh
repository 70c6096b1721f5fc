#!/usr/bin/env bash
# Image benchmark (not a test): `deployguard image` with the heap capped at 256 MB on a 1.1 GB
# docker-archive of 20 layers and 100k files, each figure next to its floor from the same run:
# `tar -tvf` over the same archive's layers, extracted once. Both JVM settings are measured: the
# JVM's defaults and the launchers' (C1 only, parallel GC, class-data archive). Then a sparse 10 GB
# archive (holes for file contents) for memory: deployguard's peak RSS beside tar's streaming the
# layers out of it.
# Usage: src/bench/image-bench.sh   (RUNS=5 pairs per figure by default; BIG_RUNS=1 for 10 GB).
# Writes bench-data/ (git-ignored): 1.1 GB archive + 1.1 GB of extracted layers, 10 GB sparse file.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${RUNS:-5}
big_runs=${BIG_RUNS:-1}
. bench/lib.sh
data=bench-data
archive=$data/image-1g.tar
big=$data/image-10g-sparse.tar
gen=src/bench/java/io/deployguard/bench/ImageArchiveGenerator.java
[ -f "$archive" ] || { java "$gen" "$archive.part" && mv -f "$archive.part" "$archive"; }
[ -f "$big" ] || { java "$gen" "$big.part" 20 100000 10240 sparse && mv -f "$big.part" "$big"; }
if [ ! -d "$data/layers" ]; then
  mkdir -p "$data/layers.part"
  tar -xf "$archive" -C "$data/layers.part"
  mv "$data/layers.part" "$data/layers"
fi
cat "$archive" "$data"/layers/*/layer.tar > /dev/null   # warm the page cache for both sides

tar_layers() { for l in "$data"/layers/*/layer.tar; do tar -tvf "$l"; done; }
tar_stream() { # tar_stream ARCHIVE: each layer streamed out of the archive into a listing tar
  local l
  for l in $(tar -tf "$1" | grep 'layer.tar$'); do tar -xOf "$1" "$l" | tar -tvf -; done
}
export -f tar_layers tar_stream
export data
read -r -a dg_cds <<< "$(cds_archive image-bench-dg "${dg_launcher[@]}" image --progress never "docker-archive:$archive")"

echo "Image benchmark, $(machine)"
echo
echo "Command: src/bench/image-bench.sh (RUNS=$runs BIG_RUNS=$big_runs) with $jar; load average at start: $(load)"
echo
echo "| input | JVM settings | deployguard wall (s) | floor: tar -tvf over the extracted layers (s) | ratio, wall | ratio, CPU | target | deployguard / floor peak RSS (MB) | exit |"
echo "|---|---|---|---|---|---|---|---|---|"
for setting in default launcher; do
  if [ "$setting" = default ]; then
    opts=("${default_opts[@]}" "${dg_default[@]}"); label="default (-Xmx256m)"
  else
    opts=("${launcher_opts[@]}" "${dg_cds[@]}" "${dg_launcher[@]}"); label="launcher (${launcher_opts[*]:1}, CDS)"
  fi
  pairs "$runs" bash -c tar_layers -- java "${opts[@]}" image --progress never "docker-archive:$archive"
  case "$p_status" in *OOM*|*crash*) p_ratio="failed"; p_cpu_ratio="failed" ;; esac
  printf '| %s (%s) | %s | %s | %s | %s | %s | ≤ 1.5: %s | %d / %d | %s |\n' "$archive" "$(du -h "$archive" | cut -f1)" \
    "$label" "$p_dg_wall" "$p_floor_wall" "$p_ratio" "$p_cpu_ratio" "$(verdict "$p_ratio" 1.5)" \
    "$(mb "$p_dg_rss")" "$(mb "$p_floor_rss")" "$p_status"
done

echo
echo "| input | JVM settings | deployguard wall (s) | tar -xOf ARCHIVE LAYER \| tar -tvf - per layer (s) | ratio, wall | deployguard / tar peak RSS (MB) | exit |"
echo "|---|---|---|---|---|---|---|"
for input in "$archive" "$big"; do
  n=$runs
  [ "$input" = "$big" ] && n=$big_runs
  size="$(du -h --apparent-size "$input" | cut -f1) apparent, $(du -h "$input" | cut -f1) on disk"
  pairs "$n" bash -c "tar_stream $input" -- java "${default_opts[@]}" -jar "$jar" image --progress never "docker-archive:$input"
  case "$p_status" in *OOM*|*crash*) p_ratio="failed" ;; esac
  printf '| %s (%s) | default (-Xmx256m) | %s | %s | %s | %d / %d | %s |\n' "$input" "$size" "$p_dg_wall" "$p_floor_wall" \
    "$p_ratio" "$(mb "$p_dg_rss")" "$(mb "$p_floor_rss")" "$p_status"
done
echo
echo "Median of $runs pairs ($big_runs for 10 GB); ratios are per pair, then the median. Exit 0 = no findings, 1 = findings."
echo
echo "Load average at end: $(load)"
