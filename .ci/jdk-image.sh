#!/usr/bin/env bash
# Builds a JVM image from this machine's own JDK for the container smoke tests: no image registry is reachable
# here, so nothing can be pulled. Usage: .ci/jdk-image.sh NAME:TAG [JAVA_HOME]
set -euo pipefail
image=${1:?usage: $0 NAME:TAG [JAVA_HOME]}
jdk=$(readlink -f "${2:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}")
rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
mkdir -p "$rootfs"/{bin,etc,tmp,opt/jdk} "$rootfs$(dirname "$jdk")"
# the JDK itself (Debian's has absolute symlinks, e.g. to the CA store: follow them)
tar -C "$jdk" --exclude=./lib/src.zip --ignore-failed-read -chf - . 2> /dev/null | tar -C "$rootfs/opt/jdk" -xf -
# the shared libraries its binaries and libraries link, at their own paths (ld.so included), and name resolution
libs=$( { find "$jdk/bin" "$jdk/lib" -type f \( -perm -u+x -o -name '*.so' \) -exec ldd {} \; 2>/dev/null || true; } \
  | grep -o '/[^ ]*\.so[^ ]*' | sort -u)
for nss in libnss_files.so.2 libnss_dns.so.2 libresolv.so.2; do
  found=$(ldconfig -p | grep -o "/[^ ]*/$nss" | head -n 1 || true)
  [[ -n $found ]] && libs="$libs $found"
done
for lib in $libs; do
  [[ -e $lib ]] || continue
  mkdir -p "$rootfs$(dirname "$lib")"
  cp -L "$lib" "$rootfs$lib"
done
# Testcontainers' port check runs /bin/sh inside the container
cp "$(command -v busybox)" "$rootfs/bin/busybox"
for tool in sh cat grep nc ls; do ln -s busybox "$rootfs/bin/$tool"; done
echo 'root:x:0:0:root:/:/bin/sh' > "$rootfs/etc/passwd"
echo 'root:x:0:' > "$rootfs/etc/group"
printf '127.0.0.1 localhost\n' > "$rootfs/etc/hosts"
printf 'hosts: files dns\n' > "$rootfs/etc/nsswitch.conf"
tar -C "$rootfs" -cf - . | docker import \
  -c 'ENV JAVA_HOME=/opt/jdk' \
  -c 'ENV PATH=/opt/jdk/bin:/bin' \
  -c 'CMD ["/opt/jdk/bin/java", "-version"]' \
  - "$image" > /dev/null
echo "built $image from $jdk"
