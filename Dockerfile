# syntax=docker/dockerfile:1
# deployguard's own image, for CI jobs:
#   docker build -t deployguard:0.1.0 .
#   docker run --rm -v "$PWD:/work" -w /work deployguard:0.1.0 dockerfile Dockerfile
# In GitLab CI use it as the job image with `entrypoint: [""]` and the template's
# `jar: /opt/deployguard/deployguard.jar`; `deployguard` is also on the PATH.

# Build stage: the Maven repository lives in a cache mount, so it never reaches a layer.
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml ./
COPY src/main ./src/main
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -q -Dmaven.test.skip=true package

# Runtime stage: a JRE on glibc (zstd-jni, used for zstd image layers, needs glibc, so not Alpine).
FROM eclipse-temurin:17.0.15_6-jre-noble
RUN groupadd --system --gid 10001 deployguard \
 && useradd --system --uid 10001 --gid deployguard --create-home --home-dir /home/deployguard deployguard \
 && printf '#!/bin/sh\nexec java $JAVA_OPTS -jar /opt/deployguard/deployguard.jar "$@"\n' > /usr/local/bin/deployguard \
 && chmod 0755 /usr/local/bin/deployguard
COPY --from=build /build/target/deployguard-*-all.jar /opt/deployguard/deployguard.jar
ENV JAVA_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto"
USER 10001:10001
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/deployguard"]
CMD ["--help"]
