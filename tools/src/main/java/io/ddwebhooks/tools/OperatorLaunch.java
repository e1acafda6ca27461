package io.ddwebhooks.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How a child JVM runs the operator's {@code run} command: as the image does (the shipped jar with a class data
 * archive dumped from the committed class list, see the Dockerfile) when this is a checkout with the jar built, else
 * from this JVM's class path. A JVM that records a class list ({@code -XX:DumpLoadedClassList}) runs without the
 * archive, so that the list names every class the start loads.
 */
record OperatorLaunch(List<String> arguments, String description) {

  /** The class list the image's archive is dumped from, relative to the repository's root. */
  static final String CLASS_LIST = "operator/src/main/cds/classes.lst";

  /** The shipped jar, as {@code mvn package} builds it, relative to the repository's root. */
  static final String JAR = "operator/target/datadog-webhooks-operator.jar";

  private static final String RECORDING = "-XX:DumpLoadedClassList";
  private static final ConcurrentHashMap<Path, Path> ARCHIVES = new ConcurrentHashMap<>();

  /** The java command's arguments after the JVM options, for a JVM with {@code jvmOptions}. */
  static OperatorLaunch of(List<String> jvmOptions) throws IOException {
    Path root = repositoryRoot(Path.of("").toAbsolutePath());
    if (root == null) {
      return fromClassPath("from the class path: no built jar found");
    }
    Path jar = root.resolve(JAR);
    boolean recording = jvmOptions.stream().anyMatch(o -> o.startsWith(RECORDING));
    if (recording) {
      return new OperatorLaunch(List.of("-jar", jar.toString(), "run"), "the shipped jar, recording its class list");
    }
    Path archive = archive(root.resolve(CLASS_LIST), jar);
    return new OperatorLaunch(List.of("-XX:SharedArchiveFile=" + archive, "-jar", jar.toString(), "run"),
        "the shipped jar with its class data archive, as the image runs it");
  }

  private static OperatorLaunch fromClassPath(String why) {
    return new OperatorLaunch(List.of("-cp", System.getProperty("java.class.path"),
        "io.ddwebhooks.operator.Main", "run"), why);
  }

  /** The nearest directory at or above {@code from} holding both the class list and the built jar, or null. */
  static Path repositoryRoot(Path from) {
    for (Path dir = from; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(CLASS_LIST)) && Files.isRegularFile(dir.resolve(JAR))) {
        return dir;
      }
    }
    return null;
  }

  /** The archive for this jar, dumped once per JVM as the Dockerfile dumps it. */
  private static Path archive(Path classList, Path jar) throws IOException {
    try {
      return ARCHIVES.computeIfAbsent(jar, j -> {
        try {
          return dump(classList, j);
        } catch (IOException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IOException("could not dump the class data archive for " + jar, e.getCause());
    }
  }

  private static Path dump(Path classList, Path jar) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("operator-cds");
    Path archive = dir.resolve("operator.jsa");
    Path log = dir.resolve("dump.log");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xshare:dump", "-XX:SharedClassListFile=" + classList, "-XX:SharedArchiveFile=" + archive,
        "-cp", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    Process p = builder.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException("dumping the class data archive did not finish in 5 minutes; see " + log);
    }
    if (p.exitValue() != 0 || !Files.isRegularFile(archive)) {
      throw new IOException("dumping the class data archive failed (exit " + p.exitValue() + "); see " + log);
    }
    return archive;
  }
}
