package io.ddwebhooks.operator.reconciler.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.ReducedStateItemStore;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.health.Status;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One watch of Secrets for the whole operator, and the event sources through which each controller hears of the
 * Secrets its resources refer to. Every controller needs Secret events (webhooks and custom variables for their
 * values, auth methods for theirs, credentials for their keys); an informer each listed and parsed every Secret of
 * the watched namespaces once per controller at every start (five times over, 50,000 objects at 10,000 Secrets). This
 * lists them once. Its cache keeps only each Secret's name and resourceVersion (a reduced item store): no Secret data
 * sits in the operator's memory; a reconcile reads the keys it needs from the API server.
 *
 * <p>The watch starts with the first controller that starts (after the Lease is won, with leader election) and stops
 * with the last. A controller hears of changes only once it runs: its first reconciles read every Secret anyway.
 */
public final class SecretEvents {

  private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(2);

  private final KubernetesClient client;
  private final Set<String> namespaces;
  private final List<Source<?>> sources = new CopyOnWriteArrayList<>();
  private List<SharedIndexInformer<Secret>> informers = List.of();
  private int started;

  /** Secrets of {@code namespaces} ({@link Constants#WATCH_ALL_NAMESPACE_SET} for all of them). */
  public SecretEvents(KubernetesClient client, Set<String> namespaces) {
    this.client = client;
    this.namespaces = Set.copyOf(namespaces);
  }

  /**
   * An event source that re-reconciles the primaries that refer to a Secret when it comes, changes or goes;
   * {@code refs} names the Secrets a primary refers to, as "namespace/name" keys ({@link #key}).
   */
  public <P extends HasMetadata> AbstractEventSource<Secret, P> eventSource(EventSourceContext<P> context,
      String name, Function<P, List<String>> refs) {
    String index = name + "-by-secret";
    context.getPrimaryCache().addIndexer(index, p -> refs.apply(p).stream().distinct().toList());
    return new Source<>(name, index, context.getPrimaryCache());
  }

  /** How a Secret is named in the keys {@code refs} gives. */
  public static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  private synchronized void start() {
    if (started++ > 0) {
      return;
    }
    List<SharedIndexInformer<Secret>> created = new ArrayList<>();
    List<CompletableFuture<Void>> synced = new ArrayList<>();
    try {
      for (String namespace : namespaces) {
        Informable<Secret> secrets = Constants.WATCH_ALL_NAMESPACES.equals(namespace)
            ? client.secrets().inAnyNamespace() : client.secrets().inNamespace(namespace);
        SharedIndexInformer<Secret> informer = secrets.runnableInformer(0).itemStore(new ReducedStateItemStore<>(
            ReducedStateItemStore.NAME_KEY_STATE, Secret.class, client.getKubernetesSerialization()));
        informer.addEventHandler(new Handler());
        created.add(informer);
        synced.add(informer.start().toCompletableFuture());
      }
      CompletableFuture.allOf(synced.toArray(CompletableFuture[]::new))
          .get(SYNC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      informers = List.copyOf(created);
    } catch (Exception e) {
      created.forEach(SharedIndexInformer::stop);
      started = 0;
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new OperatorException("the Secret watch did not start (" + e.getClass().getSimpleName()
          + "): check that the operator may list and watch Secrets", e);
    }
  }

  private synchronized void stop() {
    if (started == 0 || --started > 0) {
      return;
    }
    informers.forEach(SharedIndexInformer::stop);
    informers = List.of();
  }

  private Status status() {
    List<SharedIndexInformer<Secret>> now = informers;
    return !now.isEmpty() && now.stream().allMatch(i -> i.isRunning() && i.isWatching()) ? Status.HEALTHY
        : Status.UNHEALTHY;
  }

  private void changed(Secret secret) {
    String key = key(secret.getMetadata().getNamespace(), secret.getMetadata().getName());
    sources.forEach(s -> s.changed(key));
  }

  /** From the one informer to every controller's source. */
  private final class Handler implements ResourceEventHandler<Secret> {
    @Override
    public void onAdd(Secret secret) {
      changed(secret);
    }

    @Override
    public void onUpdate(Secret before, Secret now) {
      if (!Objects.equals(before.getMetadata().getResourceVersion(), now.getMetadata().getResourceVersion())) {
        changed(now);
      }
    }

    @Override
    public void onDelete(Secret secret, boolean finalStateUnknown) {
      changed(secret);
    }
  }

  /** One controller's view: Secret events mapped to its primaries through an index of its primary cache. */
  private final class Source<P extends HasMetadata> extends AbstractEventSource<Secret, P> {
    private final String index;
    private final IndexerResourceCache<P> primaries;

    Source(String name, String index, IndexerResourceCache<P> primaries) {
      super(Secret.class, name);
      this.index = index;
      this.primaries = primaries;
    }

    @Override
    public void start() {
      SecretEvents.this.start();
      sources.add(this);
      super.start();
    }

    @Override
    public void stop() {
      if (sources.remove(this)) {
        SecretEvents.this.stop();
      }
      super.stop();
    }

    void changed(String key) {
      if (isRunning()) {
        primaries.byIndex(index, key).forEach(p -> getEventHandler().handleEvent(new Event(
            ResourceID.fromResource(p))));
      }
    }

    @Override
    public Set<Secret> getSecondaryResources(P primary) {
      return Set.of();
    }

    @Override
    public Status getStatus() {
      return status();
    }
  }
}
