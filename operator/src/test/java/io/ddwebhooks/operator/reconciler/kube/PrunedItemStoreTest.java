package io.ddwebhooks.operator.reconciler.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.testing.Fixtures;
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
}
