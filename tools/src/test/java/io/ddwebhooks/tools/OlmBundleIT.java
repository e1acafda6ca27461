package io.ddwebhooks.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.testing.RealKubernetes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The committed bundle passes the operator framework's own validators (github.com/operator-framework/api: bundle,
 * CSV, CRDs, OperatorHub, good practices), run by .ci/olm-validate, which .ci/kube-binaries.sh builds.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class OlmBundleIT {

  @Test
  void theBundleValidates() throws Exception {
    String env = System.getenv("OLM_VALIDATE");
    Path validator = env != null && !env.isBlank() ? Path.of(env)
        : RealKubernetes.binariesRoot().resolveSibling("tools").resolve("olm-validate");
    assertThat(Files.isExecutable(validator)).as("olm-validate missing at %s: run .ci/kube-binaries.sh", validator)
        .isTrue();
    Process p = new ProcessBuilder(validator.toString(), "bundle").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(out).contains("bundle datadog-webhooks-operator.v0.1.0 valid").doesNotContain("ERROR");
  }
}
