package io.ddwebhooks.operator.reconciler.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorClientTest {

  private static final String WEBHOOK = """
      {"apiVersion":"ddwebhooks.io/v1alpha1","kind":"DatadogWebhook",
       "metadata":{"name":"pager","namespace":"team-a","uid":"u1","resourceVersion":"7","generation":2,
        "labels":{"app":"checkout"},"annotations":{"note":"kept"},"finalizers":["ddwebhooks.io/finalizer"],
        "managedFields":[{"manager":"kubectl-client-side-apply","operation":"Update","apiVersion":"v1",
          "fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:name":{},"f:urlFrom":{".":{},"f:secretKeyRef":{}}}}}]},
       "spec":{"name":"pager","urlFrom":{"secretKeyRef":{"name":"pager-url","key":"url"}}}}
      """;

  private final KubernetesSerialization serialization = OperatorClient.serialization();

  @Test
  void readsObjectsWithoutTheirManagedFieldsAndEverythingElseAsBefore() {
    DatadogWebhook read = serialization.unmarshal(WEBHOOK, DatadogWebhook.class);
    DatadogWebhook usual = new KubernetesSerialization().unmarshal(WEBHOOK, DatadogWebhook.class);

    assertThat(usual.getMetadata().getManagedFields()).hasSize(1);
    assertThat(read.getMetadata().getManagedFields()).isNullOrEmpty();
    usual.getMetadata().setManagedFields(read.getMetadata().getManagedFields());
    assertThat(serialization.asJson(read)).isEqualTo(new KubernetesSerialization().asJson(usual));
    assertThat(read.getMetadata().getAnnotations()).containsEntry("note", "kept");
    assertThat(read.getSpec().getUrlFrom().getSecretKeyRef().getName()).isEqualTo("pager-url");
  }

  @Test
  void aReadObjectWrittenBackCarriesNoManagedFieldsSoTheApiServerKeepsItsOwn() {
    String written = serialization.asJson(serialization.unmarshal(WEBHOOK, DatadogWebhook.class));

    assertThat(written).doesNotContain("managedFields").contains("\"finalizers\":[\"ddwebhooks.io/finalizer\"]");
  }

  @Test
  void managedFieldsSetInCodeAreStillWritten() {
    Secret secret = new Secret();
    secret.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("s")
        .withManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("tests").build())).build());

    assertThat(serialization.asJson(secret)).contains("\"managedFields\":[{\"manager\":\"tests\"}]");
  }
}
