package io.ddwebhooks.operator.reconciler.kube;

import static io.ddwebhooks.operator.testing.Fixtures.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.crd.DatadogWebhook;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RelevantChangeTest {

  private static boolean relevant(Consumer<DatadogWebhook> change) {
    DatadogWebhook before = webhook("ns", "w", "https://x");
    before.getMetadata().setGeneration(1L);
    before.getMetadata().setAnnotations(Map.of("other.io/note", "a"));
    DatadogWebhook after = webhook("ns", "w", "https://x");
    after.getMetadata().setGeneration(1L);
    after.getMetadata().setAnnotations(Map.of("other.io/note", "a"));
    change.accept(after);
    return RelevantChange.test(after, before);
  }

  @Test
  void specAnnotationsOfOursDeletionAndFinalizersCount() {
    assertThat(relevant(w -> w.getMetadata().setGeneration(2L))).isTrue();
    assertThat(relevant(w -> w.getMetadata().setAnnotations(Map.of("ddwebhooks.io/paused", "true")))).isTrue();
    assertThat(relevant(w -> w.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z"))).isTrue();
    assertThat(relevant(w -> w.getMetadata().setFinalizers(List.of("ddwebhooks.io/finalizer")))).isTrue();
  }

  @Test
  void statusLabelsAndOtherToolsAnnotationsDoNot() {
    assertThat(relevant(w -> w.getMetadata().setLabels(Map.of("app", "x")))).isFalse();
    assertThat(relevant(w -> w.getMetadata().setAnnotations(Map.of("other.io/note", "b")))).isFalse();
    assertThat(relevant(w -> w.getMetadata().setResourceVersion("99"))).isFalse();
  }
}
