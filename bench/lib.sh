# Shared by bench/plan-bench.sh and src/bench/image-bench.sh (sourced, run from the repository root).
# Every figure is a ratio to a floor measured in the same run, pair by pair: each run of deployguard
# is timed next to a run of its floor, in alternating order, and the median of the per-pair ratios
# is reported, so that other work on a shared machine inflates both sides alike.

# The runnable jar: target/deployguard-VERSION-all.jar, or target/deployguard.jar of older builds.
dg_jar() {
  local j
  for j in target/deployguard-*-all.jar target/deployguard.jar; do
    if [ -f "$j" ]; then
      echo "$j"
      return 0
    fi
  done
  return 1
}

jar=$(dg_jar || { mvn -q -B -DskipTests package >&2 && dg_jar; })
[ -n "$jar" ] || { echo "no runnable jar in target/ after 'mvn package'" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package 'time')" >&2; exit 2; }
mkdir -p bench-data

# The two JVM settings measured: the JVM's defaults, and those of the launchers (bin/): C1 only,
# the parallel collector and an application class-data archive recorded by a first run.
default_opts=(-Xmx256m)
read -r -a launcher_opts <<< "${LAUNCHER_OPTS:--Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseParallelGC}"
# How each setting starts deployguard: the launchers name the main class on the class path.
dg_default=(-jar "$jar")
dg_launcher=(-cp "$jar" io.deployguard.cli.Main)

# cds_archive NAME JAVA_ARGS...: records bench-data/NAME.jsa from one run with the launcher settings
# (again when the jar is newer) and prints the options that map it.
cds_archive() {
  local name=$1 archive=bench-data/$1.jsa
  shift
  if [ ! -s "$archive" ] || [ "$jar" -nt "$archive" ]; then
    rm -f "$archive"
    java "${launcher_opts[@]}" -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off "$@" \
      > /dev/null 2>&1 || true
  fi
  [ -s "$archive" ] && echo "-XX:SharedArchiveFile=$archive -Xlog:cds=off -Xlog:cds+dynamic=off"
  return 0
}

# once CMD...: runs CMD once and prints "wall cpu peak_rss_kb status", status being the exit code
# or "OOM"/"crash" when the JVM printed an uncaught error (which also exits 1, like findings).
once() {
  local stats err line
  stats=$(mktemp)
  err=$(mktemp)
  /usr/bin/time -o "$stats" -f "%e %U %S %M %x" "$@" > /dev/null 2> "$err" || true
  line=$(tail -1 "$stats")
  read -r w u s m x <<< "$line"
  if grep -q 'OutOfMemoryError' "$err"; then
    x=OOM
  elif grep -q '^Exception in thread\|^Error:' "$err"; then
    x=crash
  fi
  rm -f "$stats" "$err"
  echo "$w $(echo "$u + $s" | bc) $m $x"
}

median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "nan"; else if (NR % 2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f\n", a / b; else print "nan"}'; }
mb() { awk -v k="$1" 'BEGIN {printf "%d\n", k / 1024}'; }

# pairs RUNS FLOOR_CMD -- DG_CMD: times both RUNS times, alternating which goes first, and sets
# p_dg_wall p_floor_wall p_ratio p_cpu_ratio p_dg_rss p_floor_rss p_status (medians; peaks for RSS;
# p_status is the set of deployguard's exit statuses).
pairs() {
  local runs=$1 i f d fw fc fm dw dc dm dx
  shift
  local floor=() dg=()
  while [ "$1" != "--" ]; do floor+=("$1"); shift; done
  shift
  dg=("$@")
  local dws="" fws="" rs="" crs="" statuses=""
  p_dg_rss=0 p_floor_rss=0
  for i in $(seq "$runs"); do
    if [ $((i % 2)) -eq 1 ]; then
      f=$(once "${floor[@]}"); d=$(once "${dg[@]}")
    else
      d=$(once "${dg[@]}"); f=$(once "${floor[@]}")
    fi
    read -r fw fc fm _ <<< "$f"
    read -r dw dc dm dx <<< "$d"
    dws+="$dw"$'\n'; fws+="$fw"$'\n'
    rs+="$(ratio "$dw" "$fw")"$'\n'; crs+="$(ratio "$dc" "$fc")"$'\n'
    [ "$dm" -gt "$p_dg_rss" ] && p_dg_rss=$dm
    [ "$fm" -gt "$p_floor_rss" ] && p_floor_rss=$fm
    case " $statuses " in *" $dx "*) ;; *) statuses="${statuses:+$statuses }$dx" ;; esac
  done
  p_dg_wall=$(printf '%s' "$dws" | median)
  p_floor_wall=$(printf '%s' "$fws" | median)
  p_ratio=$(printf '%s' "$rs" | median)
  p_cpu_ratio=$(printf '%s' "$crs" | median)
  p_status=$statuses
}

# verdict RATIO TARGET: "met" or "missed by N%".
verdict() {
  awk -v r="$1" -v t="$2" 'BEGIN {if (r <= t) print "met"; else printf "missed by %d%%\n", (r / t - 1) * 100 + 0.5}'
}

machine() {
  local cpu
  cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs (${cpu:-unknown}), $(free -g | awk '/^Mem:/ {print $2}') GiB," \
    "$(java -version 2>&1 | head -1)"
}
load() { cut -d' ' -f1-3 /proc/loadavg; }
