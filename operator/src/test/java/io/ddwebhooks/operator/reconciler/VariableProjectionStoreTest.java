package io.ddwebhooks.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.RecordedCredentials;
import io.ddwebhooks.operator.reconciler.VariableReferences;
import io.ddwebhooks.operator.reconciler.kube.VariableProjectionStore;
import io.ddwebhooks.operator.status.ReadyCondition;
import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.sync.JsonText;
import io.ddwebhooks.operator.testing.Fixtures;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableProjectionStoreTest {

  private static final Instant T = Instant.parse("2026-12-05T12:00:00Z");

  @Test
  void theTemplateCheckDecidesTheSameFromTheProjectionAsFromTheWholeObject() {
    List<DatadogCustomVariable> whole = List.of(
        synced("team-a", "a", "$B and $C", false, "A"), synced("team-a", "b", "plain", true, "B"),
        conflicted("team-b", "c", "C"), Fixtures.variable("team-b", "new", "value", false));
    whole.get(1).getMetadata().setAnnotations(Map.of(VariableGate.SHARED_WITH, "team-b, team-c"));
    List<DatadogCustomVariable> projected = whole.stream().map(this::copy).map(VariableProjectionStore::project)
        .toList();

    Clock clock = Clock.fixed(T, ZoneOffset.UTC);
    var fromWhole = new DeclaredVariables(clock, new VariableReferences()).of("org", whole::stream, v -> true);
    var fromProjection = new DeclaredVariables(clock, new VariableReferences()).of("org", projected::stream,
        v -> true);
    assertThat(fromProjection).isEqualTo(fromWhole).isNotEmpty();
    for (int i = 0; i < whole.size(); i++) {
      DatadogResourceStatus kept = projected.get(i).getStatus();
      if (kept != null) {
        assertThat(kept.getCredentials()).isEqualTo(whole.get(i).getStatus().getCredentials());
        assertThat(ReadyCondition.reason(kept)).isEqualTo(ReadyCondition.reason(whole.get(i).getStatus()));
      }
    }
    int before = JsonText.mapper().valueToTree(whole).toString().length();
    int after = JsonText.mapper().valueToTree(projected).toString().length();
    System.out.printf("custom variables as the webhook controller caches them: %d -> %d characters of JSON%n",
        before, after);
    assertThat(after).as("most of a status is left out").isLessThan(before * 2 / 3);
  }

  private DatadogCustomVariable synced(String ns, String name, String value, boolean secret, String remote) {
    DatadogCustomVariable v = Fixtures.variable(ns, name, value, secret);
    v.getMetadata().setUid(ns + "-" + name + "-uid");
    v.getMetadata().setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("kubectl").build()));
    DatadogResourceStatus s = new DatadogResourceStatus();
    s.setObservedGeneration(1L);
    s.setRemoteName(remote);
    s.setAppliedIsSecret(secret);
    s.setAppliedFingerprint("k2026-12-05:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    s.setSecretVersions(Map.of("team-a/values", "12345"));
    s.setLastAppliedTime(T.toString());
    RecordedCredentials credentials = new RecordedCredentials();
    credentials.setOrg("k2026-12-05:fedcba9876543210");
    s.setCredentials(credentials);
    ReadyCondition.set(s, 1, Reason.Synced, "custom variable '" + remote + "' matches the spec", T);
    v.setStatus(s);
    return v;
  }

  private DatadogCustomVariable conflicted(String ns, String name, String remote) {
    DatadogCustomVariable v = synced(ns, name, "x", false, remote);
    v.getStatus().setRemoteName(null);
    ReadyCondition.set(v.getStatus(), 1, Reason.NameConflict, "taken", T);
    return v;
  }

  private DatadogCustomVariable copy(DatadogCustomVariable v) {
    return JsonText.mapper().convertValue(v, DatadogCustomVariable.class);
  }
}
