package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.crd.DatadogWebhookSpec;
import io.ddwebhooks.operator.datadog.Webhook;
import io.ddwebhooks.operator.sync.RemoteObjects;
import io.ddwebhooks.operator.sync.WebhookKind;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;

/** Converges Datadog webhooks to DatadogWebhook resources; deletes them through a finalizer. */
@ControllerConfiguration(name = DatadogWebhookReconciler.NAME, finalizerName = "ddwebhooks.io/finalizer")
public class DatadogWebhookReconciler extends DatadogObjectReconciler<DatadogWebhook, DatadogWebhookSpec, Webhook>
    implements Reconciler<DatadogWebhook>, Cleaner<DatadogWebhook> {

  public static final String NAME = "datadogwebhook";

  public DatadogWebhookReconciler(ReconcileSettings settings) {
    super(DatadogWebhook.class, new WebhookKind(), RemoteObjects::webhooks, settings);
  }
}
