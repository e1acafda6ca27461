# Build: the same Maven build as the README's, without tests (CI runs them).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY deploy/examples deploy/examples
RUN mvn -B -q package -DskipTests

# Run: a JRE and the operator's jar, nothing else.
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 operator && useradd --system --uid 10001 --gid 10001 --no-create-home operator
COPY --from=build /src/target/datadog-webhooks-operator.jar /opt/operator/datadog-webhooks-operator.jar
USER 10001:10001
# container-aware heap sizing, read by the JVM itself; the same options as the Deployment and the Helm chart
# (JvmOptionsTest keeps them equal; docs/benchmarks.md measures them)
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Xss512k -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"
ENTRYPOINT ["java", "-jar", "/opt/operator/datadog-webhooks-operator.jar"]
CMD ["run"]
