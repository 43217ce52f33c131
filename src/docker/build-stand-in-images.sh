#!/bin/sh
# Builds local stand-ins for the Dockerfile's two base images, for machines that cannot pull images
# (CI here): the machine's own JDK (for the jlink stage) and a base holding only the shared libraries a
# Java runtime needs. Users never need this: the Dockerfile's defaults are public images.
#   fake-ims-stand-in/jdk:17     in place of eclipse-temurin:17-jdk
#   fake-ims-stand-in/base:12    in place of debian:bookworm-slim
set -eu
jdk=${STAND_IN_JDK:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The base: every library the JDK's programs and libraries link against, the loader, and a /tmp.
mkdir -p "$work/base/tmp" "$work/base/etc"
chmod 1777 "$work/base/tmp"
echo "fake-ims:x:10001:10001::/tmp:/sbin/nologin" > "$work/base/etc/passwd"
for file in "$jdk"/bin/* "$jdk"/lib/*.so "$jdk"/lib/*/*.so; do
    ldd "$file" 2>/dev/null || true
done | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }' | sort -u | while read -r lib; do
    cp -L --parents "$lib" "$work/base/"
done
printf 'FROM scratch\nCOPY . /\n' > "$work/base.Dockerfile"
docker build -q -f "$work/base.Dockerfile" -t fake-ims-stand-in/base:12 "$work/base" >/dev/null

# The JDK: the base plus the machine's JDK (symlinks into /etc resolved), jlink on the PATH.
mkdir -p "$work/jdk/opt/java/openjdk"
tar -C "$jdk" -chf - --exclude=./lib/src.zip . | tar -C "$work/jdk/opt/java/openjdk" -xf -
printf 'FROM fake-ims-stand-in/base:12\nCOPY . /\nENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin\n' > "$work/jdk.Dockerfile"
docker build -q -f "$work/jdk.Dockerfile" -t fake-ims-stand-in/jdk:17 "$work/jdk" >/dev/null
echo "built fake-ims-stand-in/base:12 and fake-ims-stand-in/jdk:17 from $jdk"
