package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Datadog names are global to an org and webhooks carry no tags, so two resources (in any namespaces) may claim the
 * same name. The claim goes to the resource that already holds the name in Datadog (status.remoteName), else to the
 * one created first; the others get NameConflict and touch nothing.
 */
public final class NameClaims {

  private NameClaims() {}

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

  private static boolean holds(CustomResource<?, DatadogResourceStatus> r, String name) {
    return r.getStatus() != null && name.equals(r.getStatus().getRemoteName());
  }

  private static boolean sameResource(CustomResource<?, ?> a, CustomResource<?, ?> b) {
    return Objects.equals(a.getMetadata().getNamespace(), b.getMetadata().getNamespace())
        && Objects.equals(a.getMetadata().getName(), b.getMetadata().getName());
  }
}
