#!/usr/bin/env bash
# Builds a Redis image from this machine's own redis-server (Debian package) for the Testcontainers tests: no image
# registry is reachable here, so nothing can be pulled. Usage: .ci/redis-image.sh NAME:TAG
set -euo pipefail
image=${1:?usage: $0 NAME:TAG}
server=$(command -v redis-server)
rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
mkdir -p "$rootfs"/{bin,usr/bin,etc,tmp,data}
cp "$server" "$rootfs/usr/bin/redis-server"
# the shared libraries it links, at their own paths (ld.so included)
for lib in $(ldd "$server" | grep -o '/[^ ]*'); do
  mkdir -p "$rootfs$(dirname "$lib")"
  cp -L "$lib" "$rootfs$lib"
done
# Testcontainers' port check runs /bin/sh inside the container
cp "$(command -v busybox)" "$rootfs/bin/busybox"
for tool in sh cat grep nc; do ln -s busybox "$rootfs/bin/$tool"; done
echo 'root:x:0:0:root:/:/bin/sh' > "$rootfs/etc/passwd"
echo 'root:x:0:' > "$rootfs/etc/group"
printf '127.0.0.1 localhost\n' > "$rootfs/etc/hosts"
tar -C "$rootfs" -cf - . | docker import \
  -c 'EXPOSE 6379' \
  -c 'CMD ["/usr/bin/redis-server", "--port", "6379", "--bind", "0.0.0.0", "--protected-mode", "no", "--save", "", "--appendonly", "no"]' \
  - "$image" > /dev/null
echo "built $image from $server"
