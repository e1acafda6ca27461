package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.SecretKeySelector;
import io.ddwebhooks.operator.datadog.CustomVariable;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;

/** Converges Datadog webhook custom variables to DatadogCustomVariable resources; deletes through a finalizer. */
@ControllerConfiguration(name = "datadogcustomvariable", finalizerName = "ddwebhooks.io/finalizer")
public class DatadogCustomVariableReconciler
    implements Reconciler<DatadogCustomVariable>, Cleaner<DatadogCustomVariable> {

  private final CustomVariableKind kind;
  private final ConvergenceLoop<DatadogCustomVariable, CustomVariable> loop;

  public DatadogCustomVariableReconciler(CustomVariableKind kind,
      ConvergenceLoop<DatadogCustomVariable, CustomVariable> loop) {
    this.kind = kind;
    this.loop = loop;
  }

  @Override
  public UpdateControl<DatadogCustomVariable> reconcile(DatadogCustomVariable resource,
      Context<DatadogCustomVariable> context) {
    return loop.reconcile(resource, Claims.claimants(context, kind.datadogName(resource)));
  }

  @Override
  public DeleteControl cleanup(DatadogCustomVariable resource, Context<DatadogCustomVariable> context) {
    return loop.cleanup(resource);
  }

  @Override
  public List<EventSource<?, DatadogCustomVariable>> prepareEventSources(
      EventSourceContext<DatadogCustomVariable> context) {
    Claims.index(context, kind::datadogName);
    return List.of(SecretWatch.eventSource(context, DatadogCustomVariable.class, this::validRefs));
  }

  private List<SecretKeySelector> validRefs(DatadogCustomVariable r) {
    return kind.validate(r).isEmpty() ? kind.secretRefs(r) : List.of();
  }
}
