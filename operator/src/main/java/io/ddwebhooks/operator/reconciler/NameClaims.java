package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Datadog names are global to an org and webhooks carry no tags, so two resources (in any namespaces) may claim the
 * same name. The claim goes to the resource that already holds the name in Datadog (status.remoteName), else to the
 * one created first; the others get NameConflict and touch nothing, ObserveOnly ones included (observing another
 * resource's object would tell whether it matches a guess). The claimants come from an index of the
 * controller's cache by Datadog name (asked for, or held).
 */
public final class NameClaims {

  private static final String INDEX = "by-datadog-name";

  private NameClaims() {}

  static <R extends CustomResource<?, DatadogResourceStatus>> void index(EventSourceContext<R> context,
      Function<R, String> datadogName) {
    context.getPrimaryCache().addIndexer(INDEX, r -> {
      List<String> names = new ArrayList<>(2);
      names.add(datadogName.apply(r));
      if (r.getStatus() != null && r.getStatus().getRemoteName() != null
          && !names.contains(r.getStatus().getRemoteName())) {
        names.add(r.getStatus().getRemoteName());
      }
      return names;
    });
  }

  static <R extends CustomResource<?, DatadogResourceStatus>> List<R> claimants(Context<R> context, String name) {
    return context.getPrimaryCache().byIndex(INDEX, name);
  }

  /** The resource, other than {@code resource}, that holds the claim on {@code name}; empty when it is ours. */
  public static <R extends CustomResource<?, DatadogResourceStatus>> Optional<R> otherOwner(R resource, String name,
      Collection<R> claimants, Function<R, String> datadogName) {
    Comparator<R> order = Comparator
        .comparing((R r) -> !holds(r, name))
        .thenComparing(r -> Objects.toString(r.getMetadata().getCreationTimestamp(), "~"))
        .thenComparing(r -> r.getMetadata().getNamespace() + "/" + r.getMetadata().getName());
    Optional<R> owner = claimants.stream()
        .filter(r -> name.equals(datadogName.apply(r)) || holds(r, name))
        .min(order);
    return owner.filter(o -> !sameResource(o, resource));
  }

  /**
   * The outcome for a resource of {@code namespace} that lost the claim on {@code name} to {@code holder}; the
   * holder is named only when it is in the same namespace (what another namespace has is not this reader's to know).
   */
  static io.ddwebhooks.operator.sync.Outcome conflict(String noun, String name, CustomResource<?, ?> holder,
      String namespace) {
    // looked at again on the resync period: the other resource may go away
    String who = namespace.equals(holder.getMetadata().getNamespace())
        ? holder.getKind() + " " + holder.getMetadata().getName() + " of this namespace"
        : "a resource of another namespace";
    return new io.ddwebhooks.operator.sync.Outcome.Conflict("the " + noun + " name '" + name + "' is claimed by "
        + who + ", which holds it or was created first; nothing was changed");
  }

  private static boolean holds(CustomResource<?, DatadogResourceStatus> r, String name) {
    return r.getStatus() != null && name.equals(r.getStatus().getRemoteName());
  }

  private static boolean sameResource(CustomResource<?, ?> a, CustomResource<?, ?> b) {
    return Objects.equals(a.getMetadata().getNamespace(), b.getMetadata().getNamespace())
        && Objects.equals(a.getMetadata().getName(), b.getMetadata().getName());
  }
}
