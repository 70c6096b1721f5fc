# syntax=docker/dockerfile:1
# deployguard's own image, for CI jobs: the runnable jar on Java 25, with an AOT cache of its
# start-up made at build time, run as an unprivileged user.
#   docker build -t deployguard .               # builds the jar with Maven in a build stage
#   mvn -q -DskipTests package && docker build --build-arg JAR=target -t deployguard .
#                                               # takes the jar mvn left in target/ instead
#   docker run --rm -v "$PWD:/work" -w /work deployguard dockerfile Dockerfile
# In GitLab CI use it as the job image with `entrypoint: [""]` and the template's
# `jar: /opt/deployguard/deployguard.jar`; `deployguard` is also on the PATH.
# The base images are build arguments, for a mirror: --build-arg RUNTIME_IMAGE=mirror/...

ARG BUILD_IMAGE=maven:3.9.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:25.0.3_9-jre-noble
# Where the jar comes from: maven (the build stage) or target (target/deployguard-*-all.jar).
ARG JAR=maven

# Build stage: the Maven repository lives in a cache mount, so it never reaches a layer.
FROM ${BUILD_IMAGE} AS jar-maven
WORKDIR /build
COPY pom.xml LICENSE NOTICE ./
COPY src/main ./src/main
COPY src/build ./src/build
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -q -Dmaven.test.skip=true package \
 && mkdir /jar \
 && cp target/deployguard-*-all.jar /jar/deployguard.jar

# The jar of an earlier `mvn package` (one version of it in target/).
FROM scratch AS jar-target
COPY target/deployguard-*-all.jar /jar/deployguard.jar

FROM jar-${JAR} AS jar

# Runtime stage: a JRE on glibc (zstd-jni, used for zstd image layers, needs glibc, so not Alpine).
FROM ${RUNTIME_IMAGE}
COPY --from=jar /jar/deployguard.jar /opt/deployguard/deployguard.jar
ENV JAVA_OPTS="-XX:+UseParallelGC -XX:TieredStopAtLevel=1"
# The user, the launcher and the AOT cache. The cache comes from a training run on the bundled
# example plan (exit 1: it has findings) with the launcher's JVM flags. The JVM uses it only when it
# matches this JVM and this jar, and otherwise starts without it: the launcher sends JVM warnings
# to stderr and mutes the AOT ones, so a stale or foreign cache never changes a run's output.
RUN --mount=type=bind,source=examples/plans,target=/mnt \
    echo 'deployguard:x:10001:10001:deployguard:/home/deployguard:/usr/sbin/nologin' >> /etc/passwd \
 && echo 'deployguard:x:10001:' >> /etc/group \
 && mkdir -p /home/deployguard /usr/local/bin \
 && chown 10001:10001 /home/deployguard \
 && printf '%s\n' '#!/bin/sh' 'exec java -XX:AOTCache=/opt/deployguard/deployguard.aot -Xlog:disable -Xlog:all=warning:stderr -Xlog:aot=off:stderr $JAVA_OPTS -cp /opt/deployguard/deployguard.jar io.deployguard.cli.Main "$@"' > /usr/local/bin/deployguard \
 && chmod 0755 /usr/local/bin/deployguard \
 && { java $JAVA_OPTS -XX:-UsePerfData -XX:AOTCacheOutput=/opt/deployguard/deployguard.aot \
        -cp /opt/deployguard/deployguard.jar io.deployguard.cli.Main plan /mnt/open-security-group.json > /dev/null || [ $? -eq 1 ]; } \
 && test -s /opt/deployguard/deployguard.aot
USER 10001:10001
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/deployguard"]
CMD ["--help"]
