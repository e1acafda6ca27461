package io.ddwebhooks.operator.reconciler.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.config.UrlAllowlist;
import io.ddwebhooks.operator.crd.ClusterDatadogCredentials;
import io.ddwebhooks.operator.crd.CredentialsRef;
import io.ddwebhooks.operator.crd.DatadogCredentials;
import io.ddwebhooks.operator.sync.Fingerprints;
import io.ddwebhooks.operator.testing.CredentialsFixtures;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * DEFAULT_CREDENTIALS names a ClusterDatadogCredentials whose namespaceSelector admits only the "prod" namespaces.
 * README: "A namespace can use a ClusterDatadogCredentials only if its namespaceSelector selects it". A namespace
 * outside the selector that simply omits spec.credentialsRef reaches that org anyway.
 */
class DefaultCredentialsSelectorAttackTest {

  private static final ClusterDatadogCredentials PROD = CredentialsFixtures.cluster("prod",
      "https://dd-proxy.corp.example", null, "ops", "prod-keys", Map.of("tier", "prod"));

  private static final CredentialsLookup LOOKUP = new CredentialsLookup() {
    @Override public boolean available() { return true; }
    @Override public Optional<DatadogCredentials> namespaced(String ns, String name) { return Optional.empty(); }
    @Override public Optional<ClusterDatadogCredentials> cluster(String name) {
      return name.equals("prod") ? Optional.of(PROD) : Optional.empty();
    }
    @Override public Optional<Map<String, String>> namespaceLabels(String ns) {
      return Optional.of(ns.equals("payments") ? Map.of("tier", "prod") : Map.of());
    }
    @Override public Optional<String> secretValue(String ns, String name, String key) {
      return ns.equals("ops") ? Optional.of("prod-" + key + "-key-0123456789") : Optional.empty();
    }
  };

  private final CredentialsResolver resolver = new CredentialsResolver(LOOKUP, new CredentialsKinds(true, true),
      null, "prod", UrlAllowlist.NONE, new Fingerprints("k1", Map.of("k1", Fingerprints.newKey())));

  @Test
  void anExplicitReferenceFromOutsideTheSelectorIsRefused() {
    assertThat(resolver.resolve("attacker", new CredentialsRef(CredentialsRef.CLUSTER, "prod")))
        .isInstanceOf(CredentialsResolver.Problem.class);
  }

  @Test
  void omittingTheReferenceFromOutsideTheSelectorIsRefusedToo() {
    assertThat(resolver.resolve("attacker", null))
        .as("the prod org's keys, from a namespace its namespaceSelector does not select")
        .isInstanceOf(CredentialsResolver.Problem.class);
  }
}
