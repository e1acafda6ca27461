package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** An index of the controller's cache by Datadog name (asked for, or held), for {@link NameClaims}. */
final class Claims {

  private static final String INDEX = "by-datadog-name";

  private Claims() {}

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
}
