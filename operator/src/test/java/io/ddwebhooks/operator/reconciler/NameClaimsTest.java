package io.ddwebhooks.operator.reconciler;

import static io.ddwebhooks.operator.testing.Fixtures.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.sync.WebhookKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameClaimsTest {

  private static final WebhookKind KIND = new WebhookKind();

  private static DatadogWebhook claimant(String ns, String name, String wants, String created, String holds) {
    DatadogWebhook w = webhook(ns, name, "https://x");
    w.getSpec().setName(wants);
    w.getMetadata().setCreationTimestamp(created);
    if (holds != null) {
      w.setStatus(new DatadogResourceStatus());
      w.getStatus().setRemoteName(holds);
    }
    return w;
  }

  private static String name(DatadogWebhook w) {
    return KIND.datadogName(w.getSpec(), w.getMetadata().getName());
  }

  @Test
  void theHolderWinsThenTheOldest() {
    DatadogWebhook older = claimant("a", "x", "shared", "2026-01-01T00:00:00Z", null);
    DatadogWebhook newer = claimant("b", "y", "shared", "2026-02-01T00:00:00Z", null);
    List<DatadogWebhook> both = List.of(older, newer);
    assertThat(NameClaims.otherOwner(older, "shared", both, NameClaimsTest::name)).isEmpty();
    assertThat(NameClaims.otherOwner(newer, "shared", both, NameClaimsTest::name)).contains(older);

    DatadogWebhook holder = claimant("c", "z", "shared", "2026-03-01T00:00:00Z", "shared");
    List<DatadogWebhook> three = List.of(older, newer, holder);
    assertThat(NameClaims.otherOwner(older, "shared", three, NameClaimsTest::name)).contains(holder);
    assertThat(NameClaims.otherOwner(holder, "shared", three, NameClaimsTest::name)).isEmpty();
  }

  @Test
  void aResourceMovingAwayStillHoldsItsOldNameUntilRenamed() {
    DatadogWebhook moving = claimant("a", "x", "new-name", "2026-03-01T00:00:00Z", "old-name");
    DatadogWebhook wantsOld = claimant("b", "y", "old-name", "2026-01-01T00:00:00Z", null);
    assertThat(NameClaims.otherOwner(wantsOld, "old-name", List.of(moving, wantsOld), NameClaimsTest::name))
        .contains(moving);
  }
}
