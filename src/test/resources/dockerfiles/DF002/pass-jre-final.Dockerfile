FROM eclipse-temurin:21-jdk AS build
RUN javac Main.java

FROM eclipse-temurin:21-jre-alpine
COPY --from=build /Main.class /app/
USER 1000
