package io.ddwebhooks.operator.reconciler.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.crd.CredentialsRef;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.testing.CredentialsFixtures;
import io.ddwebhooks.operator.testing.Fixtures;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import io.javaoperatorsdk.operator.health.Status;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CredentialsUsersTest {

  private final CredentialsUsers users = new CredentialsUsers();
  private final Cache webhooks = new Cache();

  @Test
  void usersAreNotCountedBeforeTheirCacheHasSynced() {
    register();
    webhooks.items.add(using("a", "w1", "prod"));
    assertThat(users.count(Set.of(CredentialsWatch.clusterKey("prod")), ns -> true))
        .as("a count from a cache still filling could let the credentials' deletion through").isEmpty();

    webhooks.synced = true;
    webhooks.items.add(using("b", "w2", "prod"));
    webhooks.items.add(using("c", "w3", "other"));
    webhooks.items.add(Fixtures.webhook("a", "w4", "https://x"));
    assertThat(users.count(Set.of(CredentialsWatch.clusterKey("prod")), ns -> true)).isEqualTo(OptionalInt.of(2));
    assertThat(users.count(Set.of(CredentialsWatch.clusterKey("prod")), ns -> ns.equals("b")))
        .as("only namespaces the credentials admit").isEqualTo(OptionalInt.of(1));
    assertThat(users.count(Set.of(CredentialsWatch.clusterKey("prod"), CredentialsResolver.DEFAULT_REF),
        ns -> true)).as("the default credentials also serve those that name none").isEqualTo(OptionalInt.of(3));
  }

  @Test
  void theCredentialsHearOfUsersComingMovingAndGoing() {
    @SuppressWarnings("unchecked")
    ResourceEventAware<DatadogWebhook> relay = (ResourceEventAware<DatadogWebhook>) register();
    AbstractEventSource<CredentialsUsers.Change, DatadogWebhook> source = users.eventSource("cluster-users",
        (ns, ref) -> ref == null ? Set.of(new ResourceID("default")) : Set.of(new ResourceID(ref.getName())));
    List<ResourceID> events = new ArrayList<>();
    source.setEventHandler(e -> events.add(e.getRelatedCustomResourceID()));

    relay.onResourceCreated(using("a", "w", "prod"));
    assertThat(events).as("not before the credentials' controller runs: its first runs count anyway").isEmpty();

    source.start();
    relay.onResourceCreated(using("a", "w", "prod"));
    assertThat(events).containsExactly(new ResourceID("prod"));

    events.clear();
    DatadogWebhook relabelled = using("a", "w", "prod");
    relabelled.getMetadata().setLabels(Map.of("team", "x"));
    relay.onResourceUpdated(relabelled, using("a", "w", "prod"));
    assertThat(events).as("the same credentials: nothing to count again").isEmpty();

    relay.onResourceUpdated(Fixtures.webhook("a", "w", "https://x"), using("a", "w", "prod"));
    assertThat(events).as("moved: both the old and the new credentials count again")
        .containsExactlyInAnyOrder(new ResourceID("prod"), new ResourceID("default"));

    events.clear();
    relay.onResourceDeleted(Fixtures.webhook("a", "w", "https://x"));
    assertThat(events).containsExactly(new ResourceID("default"));

    events.clear();
    source.stop();
    relay.onResourceDeleted(using("a", "w", "prod"));
    assertThat(events).isEmpty();
  }

  private AbstractEventSource<CredentialsUsers.Change, DatadogWebhook> register() {
    webhooks.addIndexer(CredentialsWatch.INDEX, w -> List.of(CredentialsWatch.key(w)));
    return users.register(new EventSourceContext<>(webhooks, null, null, DatadogWebhook.class),
        DatadogWebhook.class);
  }

  private static DatadogWebhook using(String namespace, String name, String credentials) {
    return CredentialsFixtures.using(Fixtures.webhook(namespace, name, "https://x"), CredentialsRef.CLUSTER,
        credentials);
  }

  /** A primary cache as JOSDK's informer keeps it: indexed, and synced or not yet. */
  private static final class Cache implements IndexerResourceCache<DatadogWebhook>,
      InformerWrappingEventSourceHealthIndicator<DatadogWebhook> {
    final List<DatadogWebhook> items = new ArrayList<>();
    final Map<String, Function<DatadogWebhook, List<String>>> indexers = new HashMap<>();
    boolean synced;

    @Override
    public void addIndexers(Map<String, Function<DatadogWebhook, List<String>>> more) {
      indexers.putAll(more);
    }

    @Override
    public List<DatadogWebhook> byIndex(String index, String key) {
      return items.stream().filter(i -> indexers.get(index).apply(i).contains(key)).toList();
    }

    @Override
    public Optional<DatadogWebhook> get(ResourceID id) {
      return items.stream().filter(i -> ResourceID.fromResource(i).equals(id)).findFirst();
    }

    @Override
    public Stream<ResourceID> keys() {
      return items.stream().map(ResourceID::fromResource);
    }

    @Override
    public Stream<DatadogWebhook> list(Predicate<DatadogWebhook> predicate) {
      return items.stream().filter(predicate);
    }

    @Override
    public Stream<DatadogWebhook> list(String namespace, Predicate<DatadogWebhook> predicate) {
      return list(predicate.and(i -> i.getMetadata().getNamespace().equals(namespace)));
    }

    @Override
    public Map<String, InformerHealthIndicator> informerHealthIndicators() {
      return Map.of("all", new InformerHealthIndicator() {
        @Override
        public boolean hasSynced() {
          return synced;
        }

        @Override
        public boolean isWatching() {
          return true;
        }

        @Override
        public boolean isRunning() {
          return true;
        }

        @Override
        public Status getStatus() {
          return Status.HEALTHY;
        }

        @Override
        public String getTargetNamespace() {
          return null;
        }
      });
    }

    @Override
    public Status getStatus() {
      return Status.HEALTHY;
    }
  }
}
