package io.ddwebhooks.operator.orgs;

import static io.ddwebhooks.operator.testing.CredentialsFixtures.using;
import static io.ddwebhooks.operator.testing.Fixtures.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.crd.CredentialsRef;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.kube.LocalKubernetes;
import io.ddwebhooks.operator.crd.CrdResources;
import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.testing.OperatorHarness;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * After a helm upgrade, which does not install new CRDs: the credentials kinds and DatadogWebhookAuthMethod are
 * missing. The operator starts,
 * serves the default org as before, and tells a resource that names credentials how to get them.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class WithoutCredentialsCrdsIT {

  private static OperatorHarness h;

  @BeforeAll
  static void start() {
    h = OperatorHarness.start(UnaryOperator.identity(), CrdResources.ALL.subList(0, 2));
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @Test
  void theDefaultOrgWorksAndCredentialsRefsSayWhatIsMissing() {
    assertThat(h.health().alive()).isTrue();
    h.create(webhook("upgrade", "as-before", "https://a.example.com"));
    h.awaitSynced(DatadogWebhook.class, "upgrade", "as-before");
    h.create(using(webhook("upgrade", "wants-org", "https://b.example.com"), CredentialsRef.CLUSTER, "prod"));
    var c = h.awaitReason(DatadogWebhook.class, "upgrade", "wants-org", Reason.CredentialsNotFound);
    assertThat(c.getMessage()).contains("CRDs").contains("kubectl apply -f deploy/crds");
    assertThat(h.health().ready()).isTrue();
  }
}
