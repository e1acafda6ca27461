package io.ddwebhooks.operator.reconciler.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.crd.RecordedCredentials;
import io.ddwebhooks.operator.testing.Fixtures;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrunedItemStoreTest {

  @Test
  void keepsEverythingButManagedFieldsAndKubectlsLastAppliedCopy() {
    DatadogWebhook w = Fixtures.webhook("ns", "w", "https://a.example.com");
    w.getMetadata().setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("kubectl").build()));
    Map<String, String> annotations = new HashMap<>();
    annotations.put(PrunedItemStore.LAST_APPLIED, "{\"spec\":{}}");
    annotations.put("ddwebhooks.io/adopt", "true");
    w.getMetadata().setAnnotations(annotations);
    w.getMetadata().setFinalizers(List.of("ddwebhooks.io/finalizer"));

    PrunedItemStore<DatadogWebhook> store = new PrunedItemStore<>();
    store.put(store.getKey(w), w);
    DatadogWebhook cached = store.get("ns/w");
    assertThat(cached.getMetadata().getManagedFields()).isNull();
    assertThat(cached.getMetadata().getAnnotations()).containsOnlyKeys("ddwebhooks.io/adopt");
    assertThat(cached.getMetadata().getFinalizers()).containsExactly("ddwebhooks.io/finalizer");
    assertThat(cached.getSpec().getUrl()).isEqualTo("https://a.example.com");
    assertThat(store.isFullState()).isTrue();
  }

  @Test
  void objectsReadSeparatelyShareTheirRepeatedStringsAndKeepTheirOwn() {
    PrunedItemStore<DatadogWebhook> store = new PrunedItemStore<>();
    for (String name : List.of("a", "b")) {
      // each as if parsed from its own watch event: equal strings, distinct instances
      DatadogWebhook w = Fixtures.webhook(new String("team-a"), name, "https://a.example.com");
      w.getMetadata().setFinalizers(List.of(new String("ddwebhooks.io/finalizer")));
      w.getMetadata().setLabels(Map.of(new String("app"), new String("payments")));
      DatadogResourceStatus status = new DatadogResourceStatus();
      status.setRemoteName(new String(name));
      status.getConditions().add(new ConditionBuilder().withType(new String("Ready")).withStatus(new String("True"))
          .withReason(new String("Synced")).withMessage("webhook '" + name + "' matches the spec in Datadog").build());
      RecordedCredentials credentials = new RecordedCredentials();
      credentials.setRef(new String("default"));
      credentials.setOrg(new String("https://api.datadoghq.com"));
      credentials.setIdentity(new String("k2026-12-06:abc:def"));
      status.setCredentials(credentials);
      w.setStatus(status);
      store.put(store.getKey(w), w);
    }
    DatadogWebhook a = store.get("team-a/a");
    DatadogWebhook b = store.get("team-a/b");
    assertThat(a.getMetadata().getNamespace()).isSameAs(b.getMetadata().getNamespace());
    assertThat(a.getMetadata().getFinalizers().get(0)).isSameAs(b.getMetadata().getFinalizers().get(0));
    assertThat(a.getMetadata().getLabels().get("app")).isSameAs(b.getMetadata().getLabels().get("app"));
    Condition ca = a.getStatus().getConditions().get(0);
    Condition cb = b.getStatus().getConditions().get(0);
    assertThat(ca.getType()).isSameAs(cb.getType());
    assertThat(ca.getStatus()).isSameAs(cb.getStatus());
    assertThat(ca.getReason()).isSameAs(cb.getReason());
    assertThat(a.getStatus().getCredentials().getIdentity()).isSameAs(b.getStatus().getCredentials().getIdentity());
    assertThat(a.getStatus().getCredentials().getOrg()).isSameAs(b.getStatus().getCredentials().getOrg());
    // the values are unchanged
    assertThat(a.getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(ca.getMessage()).isEqualTo("webhook 'a' matches the spec in Datadog");
    assertThat(a.getStatus().getCredentials().getIdentity()).isEqualTo("k2026-12-06:abc:def");
    assertThat(a.getMetadata().getLabels()).containsExactly(Map.entry("app", "payments"));
  }
}
