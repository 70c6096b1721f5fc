#!/usr/bin/env bash
# Image benchmark (not a test): times `deployguard image` on a ~1 GB docker-archive of 20 layers
# and 100k files against `tar -tvf` over the same archive's layers. Build the jar first:
#   mvn -B -DskipTests package && src/bench/image-bench.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
data=bench-data
archive=$data/image-1g.tar
runs=${RUNS:-5}
mkdir -p "$data"
[ -f "$archive" ] || java src/bench/java/io/deployguard/bench/ImageArchiveGenerator.java "$archive"
if [ ! -d "$data/layers" ]; then
  mkdir -p "$data/layers"
  tar -xf "$archive" -C "$data/layers"
fi
cat "$archive" "$data"/layers/*/layer.tar > /dev/null   # warm the page cache for both sides

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
clock() { local s e; s=$(date +%s.%N); "$@" > /dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }

tar_layers() { for l in "$data"/layers/*/layer.tar; do tar -tvf "$l"; done; }
tar_stream() { for l in $(tar -tf "$archive" | grep layer.tar); do tar -xOf "$archive" "$l" | tar -tvf -; done; }
dg() { java -Xmx256m -jar target/deployguard-*-all.jar image --progress never "docker-archive:$archive"; }

echo "archive: $(du -h "$archive" | cut -f1), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
t1=$(for i in $(seq "$runs"); do clock tar_layers; done | median)
t2=$(for i in $(seq "$runs"); do clock tar_stream; done | median)
t3=$(for i in $(seq "$runs"); do clock dg; done | median)
echo "tar -tvf over the 20 extracted layer files:        ${t1}s (median of $runs)"
echo "tar -xOf ARCHIVE LAYER | tar -tvf - for each layer: ${t2}s (median of $runs)"
echo "java -Xmx256m -jar target/deployguard-*-all.jar image:    ${t3}s (median of $runs)"
echo "ratio deployguard / tar over extracted layers: $(echo "scale=2; $t3 / $t1" | bc)"
dg > "$data/result.txt" 2>&1 || true
echo "deployguard exit status and findings: see $data/result.txt"
