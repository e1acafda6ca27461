package io.ddwebhooks.operator.datadog;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Lets one write at a time reach a Datadog org. Datadog keeps an org's webhooks and custom variables together and
 * concurrent writes race (Terraform's provider serialises them the same way); reads are not serialised.
 * Waiting writers are served by {@link WritePriority} (a user's change before a resync), then in arrival order.
 * Reads are paced per org ({@link ReadPacer}). One instance makes the calls of one {@link OrgTurn}: its priority and
 * tenant go with every read and write, and its first write takes the place the turn reserved.
 */
public class SerializedWrites implements WebhooksIntegrationApi {

  private final WebhooksIntegrationApi delegate;
  private final PriorityWriteGate gate;
  private final int maxWaiting;
  private final ReadPacer reads;
  private final WritePriority priority;
  private final String tenant;
  private final PriorityWriteGate.Reservation reservation;

  /** Writes of a user's change, for no tenant, through a gate of their own; reads unpaced. */
  public SerializedWrites(WebhooksIntegrationApi delegate) {
    this(delegate, new PriorityWriteGate(), Integer.MAX_VALUE, null, WritePriority.USER_CHANGE, null, null);
  }

  /**
   * Shares {@code gate} with the org's other writers; past {@code maxWaiting} waiters a write is refused as busy.
   * {@code reads}: the org's read pace (null: reads go straight through). Calls go with {@code priority} for
   * {@code tenant}; the first write uses {@code reservation}, a place taken in {@code gate} beforehand (null: none).
   */
  SerializedWrites(WebhooksIntegrationApi delegate, PriorityWriteGate gate, int maxWaiting, ReadPacer reads,
      WritePriority priority, String tenant, PriorityWriteGate.Reservation reservation) {
    this.delegate = delegate;
    this.gate = gate;
    this.maxWaiting = maxWaiting;
    this.reads = reads;
    this.priority = priority;
    this.tenant = tenant;
    this.reservation = reservation;
  }

  private <T> T read(String operation, Supplier<T> call) {
    if (reads == null) {
      return call.get();
    }
    long sentAt = reads.acquire(operation, priority, tenant);
    try {
      T answer = call.get();
      reads.answered(sentAt);
      return answer;
    } catch (DatadogApiException e) {
      if (e.verdict(Operation.GET) == Verdict.RATE_LIMITED) {
        // one resource's 429 slows every read of the org
        reads.rateLimited(e.retryAfter().orElse(null), sentAt);
      }
      throw e;
    }
  }

  /** Writers waiting for their turn, for metrics and tests. */
  public int queuedWrites() {
    return gate.queued();
  }

  private <T> T write(Supplier<T> call) {
    try {
      if (!gate.acquire(priority, tenant, maxWaiting, reservation)) {
        throw new TurnedAwayException("waiting to write to Datadog",
            "the org's write queue is full; tried again shortly", null);
      }
    } catch (InterruptedException e) {
      throw DatadogApiException.stopping("waiting to write to Datadog");
    }
    try {
      return call.get();
    } finally {
      gate.release();
    }
  }

  @Override
  public Optional<Webhook> getWebhook(String name) {
    return read("GET webhook '" + name + "'", () -> delegate.getWebhook(name));
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
    return read("GET custom variable '" + name + "'", () -> delegate.getCustomVariable(name));
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

  @Override
  public Optional<AuthMethod> getAuthMethod(String name) {
    return read("GET auth method '" + name + "'", () -> delegate.getAuthMethod(name));
  }

  @Override
  public AuthMethod createAuthMethod(AuthMethod authMethod) {
    return write(() -> delegate.createAuthMethod(authMethod));
  }

  @Override
  public AuthMethod updateAuthMethod(String currentName, AuthMethod authMethod) {
    return write(() -> delegate.updateAuthMethod(currentName, authMethod));
  }

  @Override
  public boolean deleteAuthMethod(String name) {
    return write(() -> delegate.deleteAuthMethod(name));
  }

  @Override
  public Optional<AuthMethod> getAuthMethodById(String id) {
    return read("GET auth method " + id, () -> delegate.getAuthMethodById(id));
  }

  @Override
  public AuthMethod updateAuthMethodById(String id, AuthMethod authMethod) {
    return write(() -> delegate.updateAuthMethodById(id, authMethod));
  }

  @Override
  public boolean deleteAuthMethodById(String id) {
    return write(() -> delegate.deleteAuthMethodById(id));
  }

  @Override
  public java.util.List<AuthMethod> listAuthMethods() {
    return read("GET auth methods", delegate::listAuthMethods);
  }

  @Override
  public Optional<String> knownAuthMethodId(String name) {
    return delegate.knownAuthMethodId(name);
  }
}
