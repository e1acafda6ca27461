# Build: the operator module and what its build needs (the emulator and the in-process API server are test-scoped:
# compiled here, never shipped), without tests (CI runs them).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY emulator emulator
COPY local-kubernetes local-kubernetes
COPY operator operator
COPY tools/pom.xml tools/pom.xml
RUN mvn -B -q -pl operator -am package -DskipTests

# Run: a JRE, the operator's jar and its class data archive, nothing else.
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 operator && useradd --system --uid 10001 --gid 10001 --no-create-home operator
COPY --from=build /src/operator/target/datadog-webhooks-operator.jar /opt/operator/datadog-webhooks-operator.jar
# the CycloneDX SBOM of the jar (mvn package makes it), for scanners that look inside the image
COPY --from=build /src/operator/target/datadog-webhooks-operator.cdx.json /opt/operator/datadog-webhooks-operator.cdx.json
# class data sharing: the classes a start loads (the JDK's and the jar's), parsed and verified once here into an
# archive the JVM maps at start instead of loading them one by one (docs/benchmarks.md measures it). The list is
# recorded from a real start (docs/development.md says how); a class it names that is gone is skipped, not an error.
# (The list is mounted from the build stage, not copied: the image carries only the jar, its SBOM and the archive.)
RUN --mount=type=bind,from=build,source=/src/operator/src/main/cds/classes.lst,target=/tmp/classes.lst \
    java -Xshare:dump -XX:SharedClassListFile=/tmp/classes.lst \
      -XX:SharedArchiveFile=/opt/operator/datadog-webhooks-operator.jsa -cp /opt/operator/datadog-webhooks-operator.jar \
      > /dev/null
# OCI annotations: docker build --build-arg VERSION=$(git describe) --build-arg SOURCE_URL=$(git remote get-url origin)
ARG VERSION=0.1.0
ARG SOURCE_URL=unknown
LABEL org.opencontainers.image.title="datadog-webhooks-operator" \
      org.opencontainers.image.description="Datadog webhooks and webhook custom variables as Kubernetes resources" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.source="${SOURCE_URL}" \
      org.opencontainers.image.licenses="Apache-2.0"
USER 10001:10001
# container-aware heap sizing, read by the JVM itself; the same options as the Deployment and the Helm chart
# (JvmOptionsTest keeps them equal; docs/benchmarks.md measures them)
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Xss512k -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"
# an archive this JVM cannot map (another JDK build) is ignored: the start is then only slower
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/opt/operator/datadog-webhooks-operator.jsa", "-jar", "/opt/operator/datadog-webhooks-operator.jar"]
CMD ["run"]
