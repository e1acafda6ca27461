package io.ddwebhooks.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.config.UrlAllowlist;
import io.ddwebhooks.operator.crd.ClusterDatadogCredentials;
import io.ddwebhooks.operator.crd.CredentialsRef;
import io.ddwebhooks.operator.crd.DatadogCredentials;
import io.ddwebhooks.operator.reconciler.credentials.CredentialsKinds;
import io.ddwebhooks.operator.reconciler.credentials.CredentialsLookup;
import io.ddwebhooks.operator.reconciler.credentials.CredentialsResolver;
import io.ddwebhooks.operator.sync.Fingerprints;
import io.ddwebhooks.operator.testing.CredentialsFixtures;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An attacker's "API key" is whatever its own Secret holds: when every key any credentials object ever gave was
 * scrubbed from every tenant's messages, an ordinary word censored the victim's, and each rotation added one more key
 * to a set that never shrank. Keys are scrubbed only from the messages of namespaces that may use them, and a
 * rotation replaces them.
 */
class RedactorPollutionAttackTest {

  private static String apiKey = "name";

  private static final CredentialsLookup LOOKUP = new CredentialsLookup() {
    @Override public boolean available() { return true; }
    @Override public Optional<DatadogCredentials> namespaced(String ns, String name) {
      DatadogCredentials c = CredentialsFixtures.namespaced(ns, name, null, null, "my-keys");
      c.getSpec().setSite("datadoghq.com");
      c.getMetadata().setUid("uid-1");
      return ns.equals("attacker") ? Optional.of(c) : Optional.empty();
    }
    @Override public Optional<ClusterDatadogCredentials> cluster(String name) { return Optional.empty(); }
    @Override public Optional<Map<String, String>> namespaceLabels(String ns) { return Optional.of(Map.of()); }
    @Override public Optional<String> secretValue(String ns, String name, String key) {
      return Optional.of(key.equals("api") ? apiKey : "app-" + apiKey);
    }
  };

  @Test
  void aTenantsChosenKeyDoesNotCensorOtherTenantsMessages() {
    CredentialsResolver resolver = new CredentialsResolver(LOOKUP, new CredentialsKinds(true, true), null, null,
        UrlAllowlist.NONE, new Fingerprints("k1", Map.of("k1", Fingerprints.newKey())));
    for (int i = 0; i < 2000; i++) {
      apiKey = i == 0 ? "name" : "k" + i;
      resolver.resolve("attacker", new CredentialsRef(CredentialsRef.NAMESPACED, "mine"));
    }
    String victimMessage = "the webhook name 'payments-pager' is claimed by a resource of another namespace";
    assertThat(resolver.knownKeys("victim").redact(victimMessage)).isEqualTo(victimMessage);
    assertThat(resolver.knownKeys("attacker").redact("keys k1999 and app-k1999, once k1998"))
        .as("the attacker's own messages lose its current keys; old ones are forgotten")
        .doesNotContain("k1999").contains("k1998");
  }
}
