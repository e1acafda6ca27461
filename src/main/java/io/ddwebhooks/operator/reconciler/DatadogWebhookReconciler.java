package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.crd.SecretKeySelector;
import io.ddwebhooks.operator.datadog.Webhook;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;

/** Converges Datadog webhooks to DatadogWebhook resources; deletes them through a finalizer. */
@ControllerConfiguration(name = "datadogwebhook", finalizerName = "ddwebhooks.io/finalizer")
public class DatadogWebhookReconciler implements Reconciler<DatadogWebhook>, Cleaner<DatadogWebhook> {

  private final WebhookKind kind;
  private final ConvergenceLoop<DatadogWebhook, Webhook> loop;

  public DatadogWebhookReconciler(WebhookKind kind, ConvergenceLoop<DatadogWebhook, Webhook> loop) {
    this.kind = kind;
    this.loop = loop;
  }

  @Override
  public UpdateControl<DatadogWebhook> reconcile(DatadogWebhook resource, Context<DatadogWebhook> context) {
    return loop.reconcile(resource, Claims.claimants(context, kind.datadogName(resource)));
  }

  @Override
  public DeleteControl cleanup(DatadogWebhook resource, Context<DatadogWebhook> context) {
    return loop.cleanup(resource);
  }

  @Override
  public List<EventSource<?, DatadogWebhook>> prepareEventSources(EventSourceContext<DatadogWebhook> context) {
    Claims.index(context, kind::datadogName);
    return List.of(SecretWatch.eventSource(context, DatadogWebhook.class, this::validRefs));
  }

  private List<SecretKeySelector> validRefs(DatadogWebhook r) {
    return kind.validate(r).isEmpty() ? kind.secretRefs(r) : List.of();
  }
}
