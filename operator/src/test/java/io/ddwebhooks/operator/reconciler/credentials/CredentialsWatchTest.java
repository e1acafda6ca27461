package io.ddwebhooks.operator.reconciler.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.crd.CredentialsStatus;
import io.ddwebhooks.operator.crd.DatadogCredentials;
import io.ddwebhooks.operator.testing.CredentialsFixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsWatchTest {

  private static DatadogCredentials creds(long generation, Map<String, String> versions, int usedBy) {
    DatadogCredentials c = CredentialsFixtures.namespaced("ns", "c", "https://x", null, "keys");
    c.getMetadata().setGeneration(generation);
    CredentialsStatus status = new CredentialsStatus();
    status.setSecretVersions(versions);
    status.setUsedBy(usedBy);
    c.setStatus(status);
    return c;
  }

  @Test
  void usersRerunOnNewKeysOrANewSpecNotOnEveryStatusChange() {
    DatadogCredentials before = creds(1, Map.of("ns/keys", "5"), 1);
    assertThat(CredentialsWatch.keysOrSpecChanged(creds(1, Map.of("ns/keys", "5"), 7), before))
        .as("one more user").isFalse();
    assertThat(CredentialsWatch.keysOrSpecChanged(creds(1, Map.of("ns/keys", "6"), 1), before))
        .as("a rotated key").isTrue();
    assertThat(CredentialsWatch.keysOrSpecChanged(creds(2, Map.of("ns/keys", "5"), 1), before))
        .as("a new spec").isTrue();
    assertThat(CredentialsWatch.key(CredentialsFixtures.using(io.ddwebhooks.operator.testing.Fixtures.webhook("a",
        "w", "https://x"), "DatadogCredentials", "c"))).isEqualTo("DatadogCredentials/a/c");
  }
}
