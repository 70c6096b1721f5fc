#!/usr/bin/env bash
# Start-up benchmark (not a test): the bundled example plan through bin/deployguard installed as
# the README's "Install a release" lays it out, warm (archive recorded) and cold (first run), next
# to plain `java -jar` with each JVM setting the launcher could choose, and a bare `java -version`
# as the floor, all in one hyperfine run. Prints the load average before and after.
# Usage: bench/startup-bench.sh [RUNS]   (default 20). Needs hyperfine (apt-get install hyperfine);
# JAVA25_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64) adds the Java 25 AOT-cache rows.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
java25=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

[ -f target/deployguard-*-all.jar ] || mvn -q -B -DskipTests package
jar=$(ls "$PWD"/target/deployguard-*-all.jar)
plan=$PWD/examples/plans/open-security-group.json
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
install -D -m 0644 "$jar" "$prefix/lib/deployguard/deployguard-all.jar"
install -D -m 0755 bin/deployguard "$prefix/bin/deployguard"
export XDG_CACHE_HOME=$prefix/cache JAVA_OPTS="" DEPLOYGUARD_JAR="" DEPLOYGUARD_VERSION=""
dg=$prefix/bin/deployguard

rows=(-n 'floor: java -version' 'java -version'
  -n 'java -jar (tiered, G1)' "java -jar $jar plan $plan"
  -n 'C1 only' "java -XX:TieredStopAtLevel=1 -jar $jar plan $plan"
  -n 'SerialGC' "java -XX:+UseSerialGC -jar $jar plan $plan"
  -n 'C1 + SerialGC' "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar $jar plan $plan"
  -n 'C1 + SerialGC + -Xms8m' "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms8m -jar $jar plan $plan"
  -n 'C1 + SerialGC + -Xmx64m' "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m -jar $jar plan $plan"
  -n 'C1 + ParallelGC' "java -XX:TieredStopAtLevel=1 -XX:+UseParallelGC -jar $jar plan $plan"
  -n 'deployguard, Java 17, CDS archive' "$dg plan $plan")
cold=(-n 'deployguard, Java 17, first run' "$dg plan $plan")
"$dg" plan "$plan" >/dev/null || true
if [ -x "$java25/bin/java" ]; then
  rows+=(-n 'deployguard, Java 25, AOT cache' "env JAVA_HOME=$java25 $dg plan $plan")
  cold+=(-n 'deployguard, Java 25, first run' "env JAVA_HOME=$java25 $dg plan $plan")
  JAVA_HOME=$java25 "$dg" plan "$plan" >/dev/null || true
fi

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# Exit code 1 is the example's verdict (findings), hence -i.
hyperfine -N -i --warmup 3 --runs "$runs" "${rows[@]}"
hyperfine -N -i --runs 3 --prepare "rm -rf $XDG_CACHE_HOME/deployguard/jvm" "${cold[@]}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
