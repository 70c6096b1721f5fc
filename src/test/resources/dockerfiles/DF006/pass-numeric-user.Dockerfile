FROM eclipse-temurin:21-jre
COPY app.jar /app.jar
USER 10001:10001
ENTRYPOINT ["java", "-jar", "/app.jar"]
