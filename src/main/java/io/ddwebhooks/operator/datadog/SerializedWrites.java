package io.ddwebhooks.operator.datadog;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Lets one write at a time reach a Datadog org. Datadog keeps an org's webhooks and custom variables together and
 * concurrent writes race (Terraform's provider serialises them the same way); reads go straight through.
 * Waiting writers are served by {@link WritePriority} (a user's change before a resync), then in arrival order.
 */
public class SerializedWrites implements WebhooksIntegrationApi {

  private final WebhooksIntegrationApi delegate;
  private final PriorityWriteGate gate;
  private final int maxWaiting;

  public SerializedWrites(WebhooksIntegrationApi delegate) {
    this(delegate, new PriorityWriteGate(), Integer.MAX_VALUE);
  }

  /** Shares {@code gate} with the org's other writers; past {@code maxWaiting} waiters a write is refused as busy. */
  SerializedWrites(WebhooksIntegrationApi delegate, PriorityWriteGate gate, int maxWaiting) {
    this.delegate = delegate;
    this.gate = gate;
    this.maxWaiting = maxWaiting;
  }

  /** Writers waiting for their turn, for metrics and tests. */
  public int queuedWrites() {
    return gate.queued();
  }

  private <T> T write(Supplier<T> call) {
    try {
      if (!gate.acquire(WritePriority.current(), maxWaiting)) {
        throw new DatadogApiException("waiting to write to Datadog", DatadogApiException.BUSY,
            java.util.List.of("the org's write queue is full; tried again shortly"), null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DatadogApiException.network("waiting to write to Datadog", e);
    }
    try {
      return call.get();
    } finally {
      gate.release();
    }
  }

  @Override
  public Optional<Webhook> getWebhook(String name) {
    return delegate.getWebhook(name);
  }

  @Override
  public Webhook createWebhook(Webhook webhook) {
    return write(() -> delegate.createWebhook(webhook));
  }

  @Override
  public Webhook updateWebhook(String currentName, Webhook webhook) {
    return write(() -> delegate.updateWebhook(currentName, webhook));
  }

  @Override
  public boolean deleteWebhook(String name) {
    return write(() -> delegate.deleteWebhook(name));
  }

  @Override
  public Optional<CustomVariable> getCustomVariable(String name) {
    return delegate.getCustomVariable(name);
  }

  @Override
  public CustomVariable createCustomVariable(CustomVariable variable) {
    return write(() -> delegate.createCustomVariable(variable));
  }

  @Override
  public CustomVariable updateCustomVariable(String currentName, CustomVariable variable) {
    return write(() -> delegate.updateCustomVariable(currentName, variable));
  }

  @Override
  public boolean deleteCustomVariable(String name) {
    return write(() -> delegate.deleteCustomVariable(name));
  }
}
