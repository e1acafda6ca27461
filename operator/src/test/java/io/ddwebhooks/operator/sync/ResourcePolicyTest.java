package io.ddwebhooks.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.config.AdoptionScope;
import io.ddwebhooks.operator.crd.Annotations;
import io.ddwebhooks.operator.crd.DatadogWebhookSpec;
import io.ddwebhooks.operator.crd.DeletionPolicy;
import io.ddwebhooks.operator.crd.ManagementPolicy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourcePolicyTest {

  private static final AdoptionScope ONLY_TEAM_A = AdoptionScope.parse("team-a");

  @Test
  void defaultsDoEverythingAndAdoptNothing() {
    ResourcePolicy d = ResourcePolicy.of(null, "ns", new DatadogWebhookSpec(), ONLY_TEAM_A);
    assertThat(d.paused()).isFalse();
    assertThat(d.observeOnly()).isFalse();
    assertThat(d.orphanOnDelete()).isFalse();
    assertThat(d.adoption()).isEqualTo(ResourcePolicy.Adoption.NOT_REQUESTED);
    assertThat(d.problems()).isEmpty();
    assertThat(d.nextCheck(Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void specPoliciesAndAnnotations() {
    DatadogWebhookSpec spec = new DatadogWebhookSpec();
    spec.setDeletionPolicy(DeletionPolicy.Orphan);
    spec.setManagementPolicy(ManagementPolicy.ObserveOnly);
    ResourcePolicy d = ResourcePolicy.of(Map.of(Annotations.PAUSED, " TRUE ", Annotations.RESYNC_INTERVAL, "1m",
        Annotations.REAPPLY_INTERVAL, "30s"), "ns", spec, ONLY_TEAM_A, Duration.ofSeconds(5));
    assertThat(d.paused()).isTrue();
    assertThat(d.observeOnly()).isTrue();
    assertThat(d.orphanOnDelete()).isTrue();
    assertThat(d.resync(Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(1));
    assertThat(d.resync(Duration.ofSeconds(20))).as("never longer than the operator's").isEqualTo(Duration.ofSeconds(20));
    assertThat(d.nextCheck(Duration.ofMinutes(10))).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void adoptionNeedsTheAnnotationAndAnAllowedNamespace() {
    Map<String, String> adopt = Map.of(Annotations.ADOPT, "true");
    assertThat(ResourcePolicy.of(adopt, "team-a", null, ONLY_TEAM_A).adoption()).isEqualTo(ResourcePolicy.Adoption.ALLOWED);
    ResourcePolicy refused = ResourcePolicy.of(adopt, "team-b", null, ONLY_TEAM_A);
    assertThat(refused.adoption()).isEqualTo(ResourcePolicy.Adoption.REFUSED);
    assertThat(refused.adoptionRefusal()).contains("team-b", "ALLOW_ADOPTION_NAMESPACES");
  }

  @Test
  void badIntervalsAreProblemsNotCrashes() {
    ResourcePolicy d = ResourcePolicy.of(Map.of(Annotations.RESYNC_INTERVAL, "soon", Annotations.REAPPLY_INTERVAL, "1s"),
        "ns", null, ONLY_TEAM_A, Duration.ofSeconds(5));
    assertThat(d.problems()).hasSize(2);
    assertThat(d.problems().get(1)).contains("at least 5s");
    assertThat(d.resyncInterval()).isEmpty();
  }

  @Test
  void annotationsHaveAFloorTheTenantCannotLower() {
    // by default one minute: no resource (and no namespace of many) can make the operator hammer an org
    ResourcePolicy d = ResourcePolicy.of(Map.of(Annotations.RESYNC_INTERVAL, "30s", Annotations.REAPPLY_INTERVAL, "59s"),
        "ns", null, ONLY_TEAM_A);
    assertThat(d.problems()).hasSize(2).allSatisfy(p -> assertThat(p).contains("at least 1m", "MIN_RESOURCE_INTERVAL"));
    assertThat(ResourcePolicy.of(Map.of(Annotations.REAPPLY_INTERVAL, "1m"), "ns", null, ONLY_TEAM_A).problems())
        .isEmpty();
  }
}
