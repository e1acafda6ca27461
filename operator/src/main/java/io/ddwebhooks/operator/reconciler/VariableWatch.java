package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * The custom variables as the webhooks' template check reads them: the custom variable controller's own cache, and
 * its events relayed to the controllers that follow variables. A second informer of every custom variable in the
 * webhook controller listed them all once more at every start (5,000 objects at 5,000 + 5,000) and kept a second
 * copy of each.
 */
public final class VariableWatch {

  private final List<Follower<?>> followers = new CopyOnWriteArrayList<>();
  private volatile IndexerResourceCache<DatadogCustomVariable> cache;
  /** Completed once the custom variable controller's cache has synced (its other event sources start after that). */
  private volatile CompletableFuture<Void> synced = new CompletableFuture<>();

  /** Called by the custom variable controller as it prepares its event sources: its cache is the variables. */
  AbstractEventSource<DatadogCustomVariable, DatadogCustomVariable> register(
      EventSourceContext<DatadogCustomVariable> context) {
    cache = context.getPrimaryCache();
    return new Relay();
  }

  /** Every custom variable the operator watches; none when no controller of custom variables runs. */
  Stream<DatadogCustomVariable> list() {
    var c = cache;
    return c == null ? Stream.empty() : c.list();
  }

  /**
   * For a controller that follows custom variables: {@code touched} hears of every change at once, and an event
   * source re-runs {@code resourcesOf} (a variable now, and as it was before an update, or null) as they come, change
   * or go. The event source starts once the variables' cache has synced (as JOSDK starts a controller only once its
   * own informers have), so that no check reads half a list.
   */
  <P extends HasMetadata> AbstractEventSource<DatadogCustomVariable, P> follower(String name, Duration syncTimeout,
      Runnable touched, BiFunction<DatadogCustomVariable, DatadogCustomVariable, Set<ResourceID>> resourcesOf) {
    Follower<P> follower = new Follower<>(name, syncTimeout, touched, resourcesOf);
    followers.add(follower);
    return follower;
  }

  private void changed(DatadogCustomVariable now, DatadogCustomVariable before) {
    followers.forEach(f -> f.changed(now, before));
  }

  /** In the custom variable controller: hears every event of its primaries (JOSDK broadcasts them). */
  private final class Relay extends AbstractEventSource<DatadogCustomVariable, DatadogCustomVariable>
      implements ResourceEventAware<DatadogCustomVariable> {

    Relay() {
      super(DatadogCustomVariable.class, "DatadogCustomVariable-followers");
    }

    @Override
    public void start() {
      super.start();
      synced.complete(null);
    }

    @Override
    public void stop() {
      synced = new CompletableFuture<>();
      super.stop();
    }

    @Override
    public void onResourceCreated(DatadogCustomVariable v) {
      changed(v, null);
    }

    @Override
    public void onResourceUpdated(DatadogCustomVariable now, DatadogCustomVariable before) {
      changed(now, before);
    }

    @Override
    public void onResourceDeleted(DatadogCustomVariable v) {
      changed(v, null);
    }

    @Override
    public Set<DatadogCustomVariable> getSecondaryResources(DatadogCustomVariable primary) {
      return Set.of();
    }
  }

  private final class Follower<P extends HasMetadata> extends AbstractEventSource<DatadogCustomVariable, P> {
    private final Duration syncTimeout;
    private final Runnable touched;
    private final BiFunction<DatadogCustomVariable, DatadogCustomVariable, Set<ResourceID>> resourcesOf;

    Follower(String name, Duration syncTimeout, Runnable touched,
        BiFunction<DatadogCustomVariable, DatadogCustomVariable, Set<ResourceID>> resourcesOf) {
      super(DatadogCustomVariable.class, name);
      this.syncTimeout = syncTimeout;
      this.touched = touched;
      this.resourcesOf = resourcesOf;
    }

    @Override
    public void start() {
      if (cache != null) {
        awaitSync();
      }
      touched.run(); // whatever was made of the variables before this start is stale
      super.start();
    }

    private void awaitSync() {
      try {
        synced.get(syncTimeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the custom variables' cache", e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("the custom variables' cache did not sync within " + syncTimeout, e);
      }
    }

    void changed(DatadogCustomVariable now, DatadogCustomVariable before) {
      touched.run();
      if (isRunning()) {
        resourcesOf.apply(now, before).forEach(id -> getEventHandler().handleEvent(new Event(id)));
      }
    }

    @Override
    public Set<DatadogCustomVariable> getSecondaryResources(P primary) {
      return Set.of();
    }
  }
}
