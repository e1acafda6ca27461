package io.ddwebhooks.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.testing.Fixtures;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class VariableWatchTest {

  private final VariableWatch watch = new VariableWatch();
  private final List<DatadogCustomVariable> cached = new ArrayList<>();
  private final AtomicInteger touched = new AtomicInteger();
  private final List<ResourceID> events = new ArrayList<>();

  @Test
  void theWebhooksStartOnlyOnceTheVariablesCacheHasSynced() {
    AbstractEventSource<DatadogCustomVariable, DatadogCustomVariable> relay = register();
    AbstractEventSource<DatadogCustomVariable, DatadogWebhook> follower = follower(Duration.ofMillis(50));
    assertThatThrownBy(follower::start).as("a check before the variables are all listed would miss some")
        .hasMessageContaining("did not sync");

    relay.start(); // JOSDK starts it once the variable controller's own informer has synced
    follower.start();
    assertThat(follower.isRunning()).isTrue();
    assertThat(touched).as("what was made of the variables before is stale").hasValue(1);
  }

  @Test
  void withoutAVariableControllerTheWebhooksStartAtOnce() {
    AbstractEventSource<DatadogCustomVariable, DatadogWebhook> follower = follower(Duration.ofMillis(50));
    follower.start();
    assertThat(follower.isRunning()).isTrue();
    assertThat(watch.list()).isEmpty();
  }

  @Test
  void theVariablesAreTheVariableControllersCacheAndTheirChangesReachTheWebhooks() {
    @SuppressWarnings("unchecked")
    ResourceEventAware<DatadogCustomVariable> relay = (ResourceEventAware<DatadogCustomVariable>) register();
    AbstractEventSource<DatadogCustomVariable, DatadogWebhook> follower = follower(Duration.ofMillis(50));
    DatadogCustomVariable v = Fixtures.variable("a", "token", "x", false);
    cached.add(v);
    assertThat(watch.list()).containsExactly(v);

    relay.onResourceCreated(v);
    assertThat(touched).as("every change is heard, even before the webhooks run").hasValue(1);
    assertThat(events).as("no event before the webhooks' controller runs: its first runs check anyway").isEmpty();

    ((AbstractEventSource<?, ?>) relay).start();
    follower.start();
    DatadogCustomVariable renamed = Fixtures.variable("a", "token", "x", false);
    renamed.getSpec().setName("TOKEN2");
    relay.onResourceUpdated(renamed, v);
    assertThat(events).as("the webhooks that refer to the name before and after")
        .containsExactly(new ResourceID("TOKEN2"), new ResourceID("token"));
    relay.onResourceDeleted(renamed);
    assertThat(touched).hasValue(4);
  }

  private AbstractEventSource<DatadogCustomVariable, DatadogCustomVariable> register() {
    return watch.register(new EventSourceContext<>(new Cache(), null, null, DatadogCustomVariable.class));
  }

  /** A follower whose resources are named after the variables' Datadog names, now and before. */
  private AbstractEventSource<DatadogCustomVariable, DatadogWebhook> follower(Duration timeout) {
    AbstractEventSource<DatadogCustomVariable, DatadogWebhook> follower = watch.follower("test", timeout,
        touched::incrementAndGet, (now, before) -> {
          Set<ResourceID> ids = new java.util.LinkedHashSet<>(Set.of(new ResourceID(name(now))));
          if (before != null) {
            ids.add(new ResourceID(name(before)));
          }
          return ids;
        });
    follower.setEventHandler(e -> events.add(e.getRelatedCustomResourceID()));
    return follower;
  }

  private static String name(DatadogCustomVariable v) {
    return Optional.ofNullable(v.getSpec().getName()).orElse(v.getMetadata().getName());
  }

  private final class Cache implements IndexerResourceCache<DatadogCustomVariable> {
    @Override
    public void addIndexers(Map<String, Function<DatadogCustomVariable, List<String>>> indexers) {}

    @Override
    public List<DatadogCustomVariable> byIndex(String index, String key) {
      return List.of();
    }

    @Override
    public Optional<DatadogCustomVariable> get(ResourceID id) {
      return cached.stream().filter(v -> ResourceID.fromResource(v).equals(id)).findFirst();
    }

    @Override
    public Stream<ResourceID> keys() {
      return cached.stream().map(ResourceID::fromResource);
    }

    @Override
    public Stream<DatadogCustomVariable> list(Predicate<DatadogCustomVariable> predicate) {
      return cached.stream().filter(predicate);
    }

    @Override
    public Stream<DatadogCustomVariable> list(String namespace, Predicate<DatadogCustomVariable> predicate) {
      return list(predicate.and(v -> v.getMetadata().getNamespace().equals(namespace)));
    }
  }
}
