ARG JDK_IMAGE=eclipse-temurin:21-jdk
FROM maven:3.9.9-eclipse-temurin-21 AS build
RUN mvn -B package

# expect-next: DF002
FROM ${JDK_IMAGE}
COPY --from=build /target/app.jar /app.jar
USER 1000
