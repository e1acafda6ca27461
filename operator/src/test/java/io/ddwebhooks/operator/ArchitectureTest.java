package io.ddwebhooks.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The module and package rules of docs/architecture.md, checked on the source (tests run in the repository's root):
 * what each module and each package may import.
 */
class ArchitectureTest {

  private static final Path MAIN = Path.of("operator/src/main/java/io/ddwebhooks/operator");

  @ParameterizedTest(name = "module {0} imports nothing from {1}")
  @CsvSource({
      // the production jar: no test tooling, no other module of this build
      "operator/src/main/java, io.ddwebhooks.emulator",
      "operator/src/main/java, io.ddwebhooks.kube",
      "operator/src/main/java, io.ddwebhooks.tools",
      "operator/src/main/java, io.fabric8.kubernetes.client.server.mock",
      "operator/src/main/java, io.fabric8.mockwebserver",
      "operator/src/main/java, org.jfree",
      // the emulator stands alone: it knows nothing of the operator or of Kubernetes
      "emulator/src/main/java, io.ddwebhooks.operator",
      "emulator/src/main/java, io.ddwebhooks.kube",
      "emulator/src/main/java, io.ddwebhooks.tools",
      "emulator/src/main/java, io.fabric8",
      "emulator/src/main/java, io.javaoperatorsdk",
      // the in-process API server knows nothing of the operator or of Datadog
      "local-kubernetes/src/main/java, io.ddwebhooks.operator",
      "local-kubernetes/src/main/java, io.ddwebhooks.emulator",
      "local-kubernetes/src/main/java, io.ddwebhooks.tools",
      "local-kubernetes/src/main/java, io.javaoperatorsdk"})
  void moduleRule(String sources, String forbidden) throws IOException {
    assertThat(offenders(Path.of(sources), forbidden)).isEmpty();
  }

  private static List<String> offenders(Path root, String forbidden) throws IOException {
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(f)) {
          if (line.startsWith("import " + forbidden) || line.startsWith("import static " + forbidden)
              || (!line.startsWith("import") && line.contains(forbidden + "."))) {
            offenders.add(f.getFileName() + ": " + line.trim());
          }
        }
      }
    }
    return offenders;
  }

  @ParameterizedTest(name = "{0} imports nothing from {1}")
  @CsvSource({
      // the pure package: translation, comparison, fingerprints, outcomes; no Kubernetes, no operator framework
      "sync, io.fabric8.kubernetes.client",
      "sync, io.fabric8.kubernetes.api",
      "sync, io.javaoperatorsdk",
      "sync, io.ddwebhooks.operator.reconciler",
      // Datadog code knows nothing of Kubernetes
      "datadog, io.fabric8",
      "datadog, io.javaoperatorsdk",
      "datadog, io.ddwebhooks.operator.crd",
      "datadog, io.ddwebhooks.operator.sync",
      "datadog, io.ddwebhooks.operator.reconciler",
      // the model knows nothing of Datadog or of the reconcile side
      "crd, io.ddwebhooks.operator.datadog",
      "crd, io.ddwebhooks.operator.sync",
      "crd, io.ddwebhooks.operator.reconciler",
      "crd, io.javaoperatorsdk",
      "status, io.ddwebhooks.operator.reconciler",
      "config, io.fabric8",
      "config, io.javaoperatorsdk"})
  void packageRule(String pkg, String forbidden) throws IOException {
    assertThat(offenders(MAIN.resolve(pkg), forbidden)).isEmpty();
  }

  // the reconcile script uses its subpackages, never the other way round; kube is plumbing and knows no credentials
  @ParameterizedTest(name = "reconciler.{0} uses nothing of {1}")
  @CsvSource({
      "credentials, the script, io\\.ddwebhooks\\.operator\\.reconciler\\.[A-Z]",
      "kube, the script, io\\.ddwebhooks\\.operator\\.reconciler\\.[A-Z]",
      "kube, reconciler.credentials, io\\.ddwebhooks\\.operator\\.reconciler\\.credentials\\."})
  void reconcilerSubpackageRule(String sub, String what, String forbidden) throws IOException {
    Pattern pattern = Pattern.compile(forbidden);
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN.resolve("reconciler").resolve(sub))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(f)) {
          if (pattern.matcher(line).find()) {
            offenders.add(f.getFileName() + ": " + line.trim());
          }
        }
      }
    }
    assertThat(offenders).as(what).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"crd"})
  void modelCarriesNoBehaviour(String pkg) throws IOException {
    // a model class has fields, accessors, constructors and value equality; any other public method is behaviour
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(f)) {
          String t = line.trim();
          boolean method = t.startsWith("public ") && t.contains("(") && !t.contains(" class ") && !t.contains(" = ")
              && !t.contains(" enum ") && !t.contains(" record ") && !t.contains(" interface ");
          String name = f.getFileName().toString().replace(".java", "");
          boolean accessor = t.matches("public .*\\b(get|set|is)[A-Z]\\w*\\(.*")
              || t.startsWith("public " + name + "(") || t.matches("public [A-Z]\\w*\\(.*") || t.matches("public static \\w+ (secret|of|from)\\(.*")
              || t.matches("public String (wireValue|toString)\\(.*")
              || t.startsWith("public boolean equals(") || t.startsWith("public int hashCode(");
          if (method && !accessor) {
            offenders.add(f.getFileName() + ": " + t);
          }
        }
      }
    }
    assertThat(offenders).isEmpty();
  }

  // imports are not counted: moving a class to a subpackage adds an import line to each user, not code to read
  @ParameterizedTest(name = "no class in {0} has over {1} lines besides its imports")
  @CsvSource({"reconciler, 200", "sync, 250"})
  void reconcilePathClassesStayReadable(String pkg, int max) throws IOException {
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        long lines = Files.readAllLines(f).stream().filter(l -> !l.startsWith("import ")).count();
        if (lines > max) {
          offenders.add(f.getFileName() + " has " + lines + " lines");
        }
      }
    }
    assertThat(offenders).isEmpty();
  }
}
