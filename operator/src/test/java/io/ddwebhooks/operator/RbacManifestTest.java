package io.ddwebhooks.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped RBAC is least privilege: no wildcards, Secrets read-only in watched namespaces, and in the operator's own
 * namespace only the fingerprint key Secret by name plus the "create" Kubernetes cannot limit to a name.
 */
class RbacManifestTest {

  static List<HasMetadata> manifests() throws IOException {
    List<HasMetadata> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("deploy/operator"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(f)) {
          Object parsed = Serialization.unmarshal(in);
          if (parsed instanceof HasMetadata h) {
            out.add(h);
          }
        }
      }
    }
    return out;
  }

  @Test
  void noWildcardsAndSecretsAreReadOnly() throws IOException {
    List<PolicyRule> rules = new ArrayList<>();
    for (HasMetadata m : manifests()) {
      if (m instanceof ClusterRole c) {
        rules.addAll(c.getRules());
      } else if (m instanceof Role r) {
        rules.addAll(r.getRules());
      }
    }
    assertThat(rules).isNotEmpty();
    for (PolicyRule rule : rules) {
      assertThat(rule.getApiGroups()).doesNotContain("*");
      assertThat(rule.getResources()).doesNotContain("*");
      assertThat(rule.getVerbs()).doesNotContain("*");
      if (rule.getResources().contains("secrets") && rule.getResourceNames() != null
          && !rule.getResourceNames().isEmpty()) {
        assertThat(rule.getResourceNames()).containsExactly("datadog-webhooks-operator-fingerprint-key");
        assertThat(rule.getVerbs()).containsExactly("get");
      } else if (rule.getResources().contains("secrets") && rule.getVerbs().contains("create")) {
        assertThat(rule.getVerbs()).containsExactly("create");
      } else if (rule.getResources().contains("secrets")) {
        assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
      } else {
        assertThat(rule.getResourceNames()).isNullOrEmpty();
      }
      assertThat(rule.getVerbs()).doesNotContain("delete", "deletecollection", "escalate", "bind", "impersonate");
    }
  }

  @Test
  void theNamespaceScopedVariantGrantsTheSameRulesLessTheClusterScopedOnes() throws IOException {
    ClusterRole cluster = (ClusterRole) manifests().stream().filter(m -> m instanceof ClusterRole).findFirst()
        .orElseThrow();
    try (InputStream in = Files.newInputStream(Path.of("deploy/operator/namespace-scoped/20-role.yaml"))) {
      Role role = Serialization.unmarshal(in, Role.class);
      assertThat(role.getRules()).isEqualTo(cluster.getRules().stream()
          .filter(r -> r.getResources().stream().noneMatch(x -> x.startsWith("clusterdatadogcredentials")
              || x.equals("namespaces")))
          .toList());
    }
  }

  @Test
  void writingSecretsIsOnlyInTheOperatorsNamespace() throws IOException {
    for (HasMetadata m : manifests()) {
      if (m instanceof ClusterRole c) {
        assertThat(c.getRules()).noneMatch(r -> r.getResources().contains("secrets") && r.getVerbs().contains("create"));
      }
    }
  }

  @Test
  void leasesAreOnlyInTheOperatorsNamespace() throws IOException {
    for (HasMetadata m : manifests()) {
      if (m instanceof ClusterRole c) {
        assertThat(c.getRules()).noneMatch(r -> r.getResources().contains("leases"));
      }
      if (m instanceof Role r) {
        assertThat(r.getMetadata().getNamespace()).isEqualTo("datadog-webhooks-operator");
      }
    }
  }
}
