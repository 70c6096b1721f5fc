FROM eclipse-temurin:21-jdk AS deps
WORKDIR /src
COPY gradle gradle
COPY gradlew settings.gradle.kts build.gradle.kts ./

FROM eclipse-temurin:21-jre AS runtime
WORKDIR /src
COPY --from=deps /src /src
COPY src src
RUN chmod +x gradlew \
# expect-next: DF001
    && ./gradlew --no-daemon bootJar \
    && mv build/libs/*.jar /app.jar
USER 1000
ENTRYPOINT ["java", "-jar", "/app.jar"]
