package io.ddwebhooks.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * kstatus itself ({@code sigs.k8s.io/cli-utils/pkg/kstatus/status.Compute}, what Flux, Helm 4 and kpt run), as the
 * small Go program in .ci/kstatus-check that .ci/kube-binaries.sh builds beside the API server binaries.
 */
public final class KstatusCheck {

  /** One verdict: Current, InProgress, Failed, ... and kstatus's message. */
  public record Verdict(String status, String message) {}

  private KstatusCheck() {}

  /** Where the program is: $KSTATUS_CHECK, else beside the API server binaries. */
  public static Path binary() {
    String env = System.getenv("KSTATUS_CHECK");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return RealKubernetes.binariesRoot().resolveSibling("tools").resolve("kstatus-check");
  }

  /** kstatus's verdict on each object (as the API server returns it, JSON). */
  public static List<Verdict> compute(List<JsonNode> objects) {
    Path binary = binary();
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException("kstatus-check missing at " + binary + ": run .ci/kube-binaries.sh");
    }
    try {
      Process p = new ProcessBuilder(binary.toString()).redirectErrorStream(true).start();
      try (var in = p.getOutputStream()) {
        for (JsonNode o : objects) {
          in.write((o.toString() + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException("kstatus-check failed: " + out);
      }
      return out.lines().map(l -> l.split("\t", 2)).map(a -> new Verdict(a[0], a.length > 1 ? a[1] : "")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static Verdict compute(JsonNode object) {
    return compute(List.of(object)).get(0);
  }
}
