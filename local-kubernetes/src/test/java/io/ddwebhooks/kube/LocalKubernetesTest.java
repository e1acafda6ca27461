package io.ddwebhooks.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The writes an operator makes behave as on a real API server (RFC 7386 merge, server-side apply of finalizers). */
class LocalKubernetesTest {

  private LocalKubernetes kube;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    kube = LocalKubernetes.start(List.of("widgets-crd.yaml"));
    client = kube.client();
    client.configMaps().inNamespace("ns").resource(new ConfigMapBuilder().withNewMetadata().withName("cm")
        .withNamespace("ns").endMetadata().addToData("a", "1").build()).create();
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  private ConfigMap stored() {
    return client.configMaps().inNamespace("ns").withName("cm").get();
  }

  @Test
  void applyingTheSameFinalizerTwiceKeepsOne() {
    ConfigMap applied = new ConfigMapBuilder().withNewMetadata().withName("cm").withNamespace("ns")
        .addToFinalizers("example.io/finalizer").endMetadata().build();
    for (int i = 0; i < 2; i++) {
      client.resource(applied).fieldManager("controller").forceConflicts().serverSideApply();
    }
    assertThat(stored().getMetadata().getFinalizers()).containsExactly("example.io/finalizer");
    assertThat(stored().getData()).containsEntry("a", "1");

    // and one removal deletes an object marked for deletion
    client.configMaps().inNamespace("ns").withName("cm").delete();
    client.configMaps().inNamespace("ns").withName("cm").edit(c -> {
      c.getMetadata().getFinalizers().remove("example.io/finalizer");
      return c;
    });
    assertThat(stored()).isNull();
  }

  private GenericKubernetesResource widget() {
    return client.genericKubernetesResources("example.io/v1", "Widget").inNamespace("ns").withName("w").get();
  }

  @Test
  void aCustomResourceWithAStatusSubresourceTakesTheSameWrites() {
    var widgets = client.genericKubernetesResources("example.io/v1", "Widget").inNamespace("ns");
    widgets.resource(new GenericKubernetesResourceBuilder().withApiVersion("example.io/v1").withKind("Widget")
        .withNewMetadata().withName("w").withNamespace("ns").endMetadata()
        .addToAdditionalProperties("spec", Map.of("size", 1)).build()).create();
    GenericKubernetesResource applied = new GenericKubernetesResourceBuilder().withApiVersion("example.io/v1")
        .withKind("Widget").withNewMetadata().withName("w").withNamespace("ns")
        .addToFinalizers("example.io/finalizer").endMetadata().build();
    for (int i = 0; i < 2; i++) {
      client.resource(applied).fieldManager("controller").forceConflicts().serverSideApply();
    }
    assertThat(widget().getMetadata().getFinalizers()).containsExactly("example.io/finalizer");

    // a status merge patch replaces the conditions, and leaves metadata alone
    for (String reason : List.of("First", "Second")) {
      GenericKubernetesResource w = widget();
      w.getAdditionalProperties().put("status", Map.of("conditions", List.of(Map.of("type", "Ready",
          "reason", reason))));
      widgets.resource(w).patchStatus();
    }
    assertThat(widget().getAdditionalProperties().get("status")).isEqualTo(Map.of("conditions",
        List.of(Map.of("type", "Ready", "reason", "Second"))));
    assertThat(widget().getMetadata().getFinalizers()).containsExactly("example.io/finalizer");
    assertThat(widget().getAdditionalProperties().get("spec")).isEqualTo(Map.of("size", 1));

    widgets.withName("w").delete();
    widgets.withName("w").edit(w -> {
      w.getMetadata().getFinalizers().remove("example.io/finalizer");
      return w;
    });
    assertThat(widget()).isNull();
  }

  @Test
  void aMergePatchReplacesListsAndRemovesNulls() {
    client.configMaps().inNamespace("ns").withName("cm").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"finalizers\":[\"x.io/a\",\"x.io/b\"],\"labels\":{\"l\":\"1\"}}}");
    client.configMaps().inNamespace("ns").withName("cm").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"finalizers\":[\"x.io/b\"],\"labels\":{\"l\":null,\"m\":\"2\"}},\"data\":{\"b\":\"2\"}}");
    ConfigMap cm = stored();
    assertThat(cm.getMetadata().getFinalizers()).containsExactly("x.io/b");
    assertThat(cm.getMetadata().getLabels()).containsExactlyEntriesOf(java.util.Map.of("m", "2"));
    assertThat(cm.getData()).containsEntry("a", "1").containsEntry("b", "2");
  }

  @Test
  void aMergePatchWithAStaleResourceVersionIsAConflict() {
    String version = stored().getMetadata().getResourceVersion();
    client.configMaps().inNamespace("ns").withName("cm").edit(c -> {
      c.getData().put("a", "2");
      return c;
    });
    assertThatThrownBy(() -> client.configMaps().inNamespace("ns").withName("cm").patch(
        PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"resourceVersion\":\"" + version
            + "\"},\"data\":{\"a\":\"3\"}}"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    assertThat(stored().getData()).containsEntry("a", "2");
  }
}
