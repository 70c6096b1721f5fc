#!/bin/sh
# Builds this scenario's image into images/app.tar, the docker-archive deployguard.yml names.
# Containerfile.scratch stands in for ./Dockerfile (see ../scratch-build.sh for why and how);
# the files below are what each stage leaves, about 150 MiB in the shipped image.
set -eu
cd "$(dirname "$0")"
. ../scratch-build.sh

# The build stage: a JDK, the Maven repository, the sources and the jar (kept small here)
fake 20K  build/opt/java/openjdk/bin/javac
fake 1M   build/root/.m2/repository/deps/guava/33.3.1/guava-33.3.1.jar
mkdir -p "$ctx/build/src"
cp -R pom.xml src "$ctx/build/src/"
fake 80M  build/src/target/orders-service.jar
# The runtime base: Ubuntu's libraries and a JRE (no javac)
fake 2M   runtime/usr/lib/x86_64-linux-gnu/libc.so.6
fake 2M   runtime/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30
fake 24M  runtime/usr/lib/x86_64-linux-gnu/libicudata.so.70.1
fake 48M  runtime/opt/java/openjdk/lib/modules
fake 16M  runtime/opt/java/openjdk/lib/server/libjvm.so
fake 20K  runtime/opt/java/openjdk/bin/java

build_archive localhost/deployguard-incidents/disk-pressure-fixed:latest images/app.tar
