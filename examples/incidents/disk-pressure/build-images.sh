#!/bin/sh
# Builds this scenario's image into images/app.tar, the docker-archive deployguard.yml names.
# Containerfile.scratch stands in for ./Dockerfile (see ../scratch-build.sh for why and how);
# the files below are what each Dockerfile step leaves in the image, about 1.1 GiB in all.
set -eu
cd "$(dirname "$0")"
. ../scratch-build.sh

# FROM maven:3.9.9-eclipse-temurin-17: a full JDK (javac, the sources zip, jmods) and Maven
fake 150M base/opt/java/openjdk/lib/modules
fake 56M  base/opt/java/openjdk/lib/src.zip
fake 80M  base/opt/java/openjdk/jmods/java.base.jmod
fake 20K  base/opt/java/openjdk/bin/java
fake 20K  base/opt/java/openjdk/bin/javac
fake 10M  base/usr/share/maven/lib/maven-core-3.9.9.jar
fake 8K   base/usr/share/maven/bin/mvn
# RUN apt-get update && apt-get install -y build-essential: gcc and the package lists
fake 1M   apt/usr/bin/gcc-12
fake 35M  apt/usr/lib/gcc/x86_64-linux-gnu/12/cc1
fake 38M  apt/usr/lib/gcc/x86_64-linux-gnu/12/cc1plus
fake 33M  apt/usr/lib/gcc/x86_64-linux-gnu/12/lto1
fake 45M  apt/var/lib/apt/lists/archive.ubuntu.com_ubuntu_dists_jammy_main_binary-amd64_Packages
fake 12M  apt/var/lib/apt/lists/archive.ubuntu.com_ubuntu_dists_jammy_universe_binary-amd64_Packages
ln -s gcc-12 "$ctx/apt/usr/bin/gcc"
# COPY . .: the checkout (the scenario's files stand in for the service's repository)
mkdir -p "$ctx/app"
cp -R pom.xml src "$ctx/app/"
# RUN mvn package: the dependencies Maven downloaded and the fat jar
for dep in spring-core:6.1.14 spring-web:6.1.14 hibernate-core:6.4.10 aws-java-sdk-bundle:1.12.780 \
           netty-all:4.1.115 guava:33.3.1 jackson-databind:2.18.1 kotlin-compiler-embeddable:1.9.25; do
  name=${dep%%:*} version=${dep#*:}
  fake 74M "build/root/.m2/repository/deps/$name/$version/$name-$version.jar"
done
fake 80M build/app/target/orders-service.jar

build_archive localhost/deployguard-incidents/disk-pressure:latest images/app.tar
