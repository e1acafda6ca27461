package io.ddwebhooks.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  private static final Map<Path, Path> ARCHIVES = new HashMap<>();

  /** The java command's arguments after the JVM options, for a JVM with {@code jvmOptions}. */
  static OperatorLaunch of(List<String> jvmOptions) throws IOException {
    Path root = repositoryRoot(Path.of("").toAbsolutePath());
    if (root == null) {
      return new OperatorLaunch(List.of("-cp", System.getProperty("java.class.path"), "io.ddwebhooks.operator.Main",
          "run"), "from the class path: no built jar found");
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

  /** The nearest directory at or above {@code from} holding both the class list and the built jar, or null. */
  private static Path repositoryRoot(Path from) {
    for (Path dir = from; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(CLASS_LIST)) && Files.isRegularFile(dir.resolve(JAR))) {
        return dir;
      }
    }
    return null;
  }

  /** The archive for this jar, dumped once per JVM as the Dockerfile dumps it. */
  private static synchronized Path archive(Path classList, Path jar) throws IOException {
    Path archive = ARCHIVES.get(jar);
    if (archive == null) {
      archive = dump(classList, jar);
      ARCHIVES.put(jar, archive);
    }
    return archive;
  }

  private static Path dump(Path classList, Path jar) throws IOException {
    Path dir = Files.createTempDirectory("operator-cds");
    Path archive = dir.resolve("operator.jsa");
    Path log = dir.resolve("dump.log");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xshare:dump", "-XX:SharedClassListFile=" + classList, "-XX:SharedArchiveFile=" + archive,
        "-cp", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    Process p = builder.start();
    try {
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("dumping the class data archive did not finish in 5 minutes; see " + log);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while dumping the class data archive", e);
    }
    if (p.exitValue() != 0 || !Files.isRegularFile(archive)) {
      throw new IOException("dumping the class data archive failed (exit " + p.exitValue() + "); see " + log);
    }
    // 56 MiB per run: gone with this JVM (deleted in the reverse order, the directory last)
    for (Path path : List.of(dir, log, archive)) {
      path.toFile().deleteOnExit();
    }
    return archive;
  }
}
