# Sourced by the scenarios' build-images.sh: builds a stand-in image from scratch and saves it
# as a docker-archive.
#
# A scenario's Dockerfile needs a registry (its base images) and the network (apt-get, mvn).
# Where neither is at hand, its Containerfile.scratch stands in for it: FROM scratch plus a
# static busybox, with the files each Dockerfile step leaves behind at the same paths and
# sizes. The files are sparse (truncate): only their sizes matter, and the build context costs
# no disk space.
#
# Uses podman (--isolation=chroot: no container runtime needed), or docker when podman is
# missing. Environment:
#   DEPLOYGUARD_PODMAN_FLAGS  global podman flags, for example a private store:
#                             "--root /tmp/s/root --runroot /tmp/s/run --storage-driver vfs"
#   BUSYBOX                   a statically linked busybox (default /bin/busybox, from Debian's
#                             busybox-static)

busybox=${BUSYBOX:-/bin/busybox}
[ -x "$busybox" ] || { echo "build-images.sh: $busybox not found; install busybox-static or set BUSYBOX" >&2; exit 2; }
ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT INT TERM
cp "$busybox" "$ctx/busybox"

# fake SIZE PATH: a sparse file of SIZE (truncate's syntax: 150M, 20K) at PATH in the context.
fake() {
  mkdir -p "$ctx/$(dirname "$2")"
  truncate -s "$1" "$ctx/$2"
}

# build_archive TAG ARCHIVE: builds Containerfile.scratch over the context, saves it to ARCHIVE.
build_archive() {
  mkdir -p "$(dirname "$2")"
  rm -f "$2"
  if command -v podman >/dev/null 2>&1; then
    # shellcheck disable=SC2086 # the flags are meant to split into words
    podman ${DEPLOYGUARD_PODMAN_FLAGS:-} build --isolation=chroot -q -t "$1" -f Containerfile.scratch "$ctx" >/dev/null
    # shellcheck disable=SC2086
    podman ${DEPLOYGUARD_PODMAN_FLAGS:-} save -q --format docker-archive -o "$2" "$1"
  elif command -v docker >/dev/null 2>&1; then
    docker build -q -t "$1" -f Containerfile.scratch "$ctx" >/dev/null
    docker save -o "$2" "$1"
  else
    echo "build-images.sh: neither podman nor docker is on the PATH" >&2
    exit 2
  fi
  echo "$2: $1, $(($(wc -c <"$2") / 1048576)) MiB"
}
