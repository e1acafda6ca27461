package io.ddwebhooks.operator.reconciler.credentials;

import io.ddwebhooks.operator.crd.CredentialsEndpoint;
import io.ddwebhooks.operator.crd.CredentialsStatus;
import io.ddwebhooks.operator.datadog.OrgTarget;
import io.ddwebhooks.operator.reconciler.kube.EventSink;
import io.ddwebhooks.operator.reconciler.kube.SecretEvents;
import io.ddwebhooks.operator.status.CredentialsReasons;
import io.ddwebhooks.operator.status.ReadyCondition;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps a credentials object's status true (Ready, SecretNotFound, URLNotAllowed, DatadogAuthFailed; where it points;
 * how many resources use it) and holds its deletion while resources still use it: their finalizers need its keys to
 * delete their Datadog objects. Re-runs when its key Secrets change; their new resourceVersions in status re-run the
 * resources that use it (a resource in DatadogAuthFailed is retried at once when the keys change).
 */
public abstract class CredentialsReconciler<C extends CustomResource<? extends CredentialsEndpoint, CredentialsStatus>>
    implements Reconciler<C>, Cleaner<C> {

  /** How often the status is refreshed without an event (users and the last authentication result change). */
  static final Duration MAX_REFRESH = Duration.ofSeconds(30);
  /** How soon a run that found the users' caches still filling looks again. */
  private static final Duration USERS_PENDING = Duration.ofSeconds(1);

  private final Class<C> type;
  protected final KubernetesClient client;
  private final OrgHealth health;
  private final EventSink events;
  private final Clock clock;
  private final Duration refresh;
  private final SecretEvents secrets;
  private final CredentialsUsers users;

  /** {@code secrets}: the operator's Secret watch; {@code users}: the resources that use credentials. */
  protected CredentialsReconciler(Class<C> type, KubernetesClient client, OrgHealth health, EventSink events,
      Clock clock, Duration resync, SecretEvents secrets, CredentialsUsers users) {
    this.type = type;
    this.client = client;
    this.secrets = secrets;
    this.users = users;
    this.health = health;
    this.events = events;
    this.clock = clock;
    this.refresh = resync.compareTo(MAX_REFRESH) < 0 ? resync : MAX_REFRESH;
  }

  /** The key Secrets as (namespace, name) pairs, and each key's name in them: apiKey first, appKey second. */
  protected abstract List<String[]> keyRefs(C credentials);

  /** Its {@link CredentialsWatch} key, under which the resources that use it record how Datadog took its keys. */
  protected abstract String ref(C credentials);

  /** Why the URL may not be used, or null. */
  protected abstract String urlProblem(C credentials);

  @Override
  public UpdateControl<C> reconcile(C credentials, Context<C> context) {
    OptionalInt usedBy = usedBy(credentials);
    if (usedBy.isEmpty()) {
      // the users' caches are still filling (the operator is starting): a count now would be too low
      return UpdateControl.<C>noUpdate().rescheduleAfter(USERS_PENDING);
    }
    CredentialsStatus status = new CredentialsStatus();
    CredentialsStatus before = credentials.getStatus();
    if (before != null) {
      status.setConditions(new java.util.ArrayList<>(before.getConditions()));
    }
    var spec = credentials.getSpec();
    // where, never who: a URL's user information, path or query stays out of status
    status.setEndpoint(spec.getSite() != null ? spec.getSite() : OrgTarget.displayRecorded(spec.getUrl()));
    status.setUsedBy(usedBy.getAsInt());
    Map<String, String> versions = new TreeMap<>();
    String missing = null;
    for (String[] ref : keyRefs(credentials)) {
      Secret secret = client.secrets().inNamespace(ref[0]).withName(ref[1]).get();
      if (ApiCredentialsLookup.value(secret, ref[2]).isEmpty()) {
        missing = missing != null ? missing : "key '" + ref[2] + "' of Secret '" + ref[0] + "/" + ref[1]
            + "' not found";
      } else {
        versions.put(ref[0] + "/" + ref[1], secret.getMetadata().getResourceVersion());
      }
    }
    status.setSecretVersions(versions);
    if (before != null && !versions.equals(before.getSecretVersions())) {
      // new keys: what was said of the old ones no longer holds
      health.forget(ref(credentials));
    }
    String urlProblem = urlProblem(credentials);
    if (urlProblem != null) {
      ready(credentials, status, CredentialsReasons.URL_NOT_ALLOWED, "False", urlProblem);
    } else if (missing != null) {
      ready(credentials, status, CredentialsReasons.SECRET_NOT_FOUND, "False", missing);
    } else if (health.keysAccepted(ref(credentials)).map(ok -> !ok).orElse(false)) {
      ready(credentials, status, CredentialsReasons.AUTH_FAILED, "False", "Datadog refused these keys (401/403) on"
          + " the last call; check the keys, the site, and the application key's permissions");
    } else {
      ready(credentials, status, CredentialsReasons.READY, "True", "keys found for " + status.getEndpoint());
    }
    if (Objects.equals(json(status), json(before))) {
      return UpdateControl.<C>noUpdate().rescheduleAfter(refresh);
    }
    credentials.setStatus(status);
    return UpdateControl.patchStatus(credentials).rescheduleAfter(refresh);
  }

  private void ready(C credentials, CredentialsStatus status, String reason, String value, String message) {
    long generation = credentials.getMetadata().getGeneration() == null ? 0 : credentials.getMetadata().getGeneration();
    ReadyCondition.set(status.getConditions(), generation, reason, value, message, clock.instant());
    status.setObservedGeneration(generation);
  }

  @Override
  public DeleteControl cleanup(C credentials, Context<C> context) {
    OptionalInt counted = usedBy(credentials);
    if (counted.isEmpty()) {
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(USERS_PENDING.toMillis());
    }
    int usedBy = counted.getAsInt();
    if (usedBy == 0) {
      return DeleteControl.defaultDelete();
    }
    String message = "still used by " + usedBy + " resource(s): deleted once they are gone (their finalizers need"
        + " these keys to delete their Datadog objects)";
    Condition ready = credentials.getStatus() == null ? null : credentials.getStatus().getConditions().stream()
        .filter(c -> ReadyCondition.TYPE.equals(c.getType())).findFirst().orElse(null);
    if (ready == null || !message.equals(ready.getMessage())) {
      events.normal(credentials, "InUse", message);
      CredentialsStatus status = credentials.getStatus() == null ? new CredentialsStatus() : credentials.getStatus();
      status.setUsedBy(usedBy);
      ready(credentials, status, CredentialsReasons.IN_USE, "False", message);
      credentials.setStatus(status);
      try {
        client.resource(credentials).patchStatus();
      } catch (RuntimeException e) {
        // a courtesy: the finalizer holds either way
      }
    }
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(2).toMillis());
  }

  /**
   * The resources that use these credentials, from their controllers' caches: only those of namespaces the
   * credentials admit, so that a namespace that may not use them can neither hold up their deletion nor count. Empty
   * while those caches are still filling.
   */
  private OptionalInt usedBy(C credentials) {
    Map<String, Boolean> admitted = new java.util.HashMap<>();
    return users.count(userKeys(credentials), n -> admitted.computeIfAbsent(n, ns -> admits(credentials, ns)));
  }

  /** The index keys ({@link CredentialsWatch#key}) under which the resources that use {@code credentials} are. */
  protected Set<String> userKeys(C credentials) {
    return Set.of(ref(credentials));
  }

  /** Whether resources of {@code namespace} may use {@code credentials} (a cluster kind's namespaceSelector). */
  protected abstract boolean admits(C credentials, String namespace);

  @Override
  public List<EventSource<?, C>> prepareEventSources(EventSourceContext<C> context) {
    return List.of(secrets.eventSource(context, type.getSimpleName() + "-key-secrets",
            c -> keyRefs(c).stream().map(r -> SecretEvents.key(r[0], r[1])).toList()),
        users.eventSource(type.getSimpleName() + "-users", this::credentialsOf));
  }

  /** The credentials objects of this kind that a resource of {@code namespace} naming {@code ref} uses. */
  protected abstract java.util.Set<ResourceID> credentialsOf(String namespace,
      io.ddwebhooks.operator.crd.CredentialsRef ref);

  private static String json(Object o) {
    return o == null ? null : io.ddwebhooks.operator.sync.JsonText.mapper().valueToTree(o).toString();
  }
}
