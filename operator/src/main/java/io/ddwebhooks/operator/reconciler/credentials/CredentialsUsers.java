package io.ddwebhooks.operator.reconciler.credentials;

import io.ddwebhooks.operator.crd.CredentialsRef;
import io.ddwebhooks.operator.crd.ManagedSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * The resources that use credentials (webhooks, custom variables, auth methods where served), as the credentials
 * controllers see them: counted from the caches the resources' own controllers keep (indexed by the credentials each
 * uses), and heard of as those controllers hear of them. A credentials controller needs them for usedBy and to hold
 * its deletion; an informer of its own listed every resource once more per credentials kind at every start (20,000
 * objects at 5,000 + 5,000).
 */
public final class CredentialsUsers {

  /** What the credentials' event source carries: a user came, moved to other credentials, or went. */
  public record Change(String namespace, CredentialsRef ref) {}

  private final List<IndexerResourceCache<? extends HasMetadata>> caches = new CopyOnWriteArrayList<>();
  private final List<Users<?>> sources = new CopyOnWriteArrayList<>();

  /**
   * Called by each user kind's controller as it prepares its event sources (before the credentials controllers):
   * its primary cache counts its users, and the returned event source relays its resources' events.
   */
  public <P extends CustomResource<? extends ManagedSpec, ?>> AbstractEventSource<Change, P> register(
      EventSourceContext<P> context, Class<P> type) {
    caches.add(context.getPrimaryCache());
    return new Relay<>(type.getSimpleName() + "-credentials-users");
  }

  /**
   * How many users name one of {@code keys} ({@link CredentialsWatch#key}) from namespaces {@code admitted}; empty
   * while a user kind's cache has not synced yet (a count then would be too low, and could let a deletion through).
   */
  OptionalInt count(Set<String> keys, Predicate<String> admitted) {
    if (!caches.stream().allMatch(CredentialsUsers::synced)) {
      return OptionalInt.empty();
    }
    return OptionalInt.of((int) caches.stream()
        .flatMap(cache -> keys.stream().flatMap(k -> cache.byIndex(CredentialsWatch.INDEX, k).stream()))
        .filter(r -> admitted.test(r.getMetadata().getNamespace())).count());
  }

  private static boolean synced(IndexerResourceCache<?> cache) {
    return !(cache instanceof InformerWrappingEventSourceHealthIndicator<?> informers)
        || informers.informerHealthIndicators().values().stream().allMatch(InformerHealthIndicator::hasSynced);
  }

  /** A credentials controller's event source: re-runs the credentials ({@code credentialsOf}) a change concerns. */
  <C extends HasMetadata> AbstractEventSource<Change, C> eventSource(String name,
      BiFunction<String, CredentialsRef, Set<ResourceID>> credentialsOf) {
    return new Users<>(name, credentialsOf);
  }

  private void changed(CustomResource<? extends ManagedSpec, ?> user) {
    Change change = new Change(user.getMetadata().getNamespace(),
        user.getSpec() == null ? null : user.getSpec().getCredentialsRef());
    sources.forEach(s -> s.changed(change));
  }

  /** In a user kind's controller: hears every event of its primaries (JOSDK broadcasts them) and passes them on. */
  private final class Relay<P extends CustomResource<? extends ManagedSpec, ?>>
      extends AbstractEventSource<Change, P> implements ResourceEventAware<P> {

    Relay(String name) {
      super(Change.class, name);
    }

    @Override
    public void onResourceCreated(P user) {
      changed(user);
    }

    @Override
    public void onResourceUpdated(P now, P before) {
      if (!CredentialsWatch.key(before).equals(CredentialsWatch.key(now))) {
        changed(before);
        changed(now);
      }
    }

    @Override
    public void onResourceDeleted(P user) {
      changed(user);
    }

    @Override
    public Set<Change> getSecondaryResources(P primary) {
      return Set.of();
    }
  }

  /** In a credentials controller. */
  private final class Users<C extends HasMetadata> extends AbstractEventSource<Change, C> {
    private final BiFunction<String, CredentialsRef, Set<ResourceID>> credentialsOf;

    Users(String name, BiFunction<String, CredentialsRef, Set<ResourceID>> credentialsOf) {
      super(Change.class, name);
      this.credentialsOf = credentialsOf;
    }

    @Override
    public void start() {
      sources.add(this);
      super.start();
    }

    @Override
    public void stop() {
      sources.remove(this);
      super.stop();
    }

    void changed(Change change) {
      if (isRunning()) {
        credentialsOf.apply(change.namespace(), change.ref())
            .forEach(id -> getEventHandler().handleEvent(new Event(id)));
      }
    }

    @Override
    public Set<Change> getSecondaryResources(C primary) {
      return Set.of();
    }
  }
}
