# expect-next: DF002
FROM maven:3.9.9-eclipse-temurin-21
COPY target/app.jar /app.jar
USER 1000
ENTRYPOINT ["java", "-jar", "/app.jar"]
