FROM maven:3.9.9-eclipse-temurin-21
WORKDIR /app
COPY pom.xml .
COPY src ./src
# expect-next: DF001
RUN mvn -B -DskipTests package
CMD ["java", "-jar", "target/app.jar"]
