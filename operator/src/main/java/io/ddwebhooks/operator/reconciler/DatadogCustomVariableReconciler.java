package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.DatadogCustomVariableSpec;
import io.ddwebhooks.operator.datadog.CustomVariable;
import io.ddwebhooks.operator.sync.CustomVariableKind;
import io.ddwebhooks.operator.sync.RemoteObjects;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;

/** Converges Datadog webhook custom variables to DatadogCustomVariable resources; deletes through a finalizer. */
@ControllerConfiguration(name = DatadogCustomVariableReconciler.NAME, finalizerName = "ddwebhooks.io/finalizer")
public class DatadogCustomVariableReconciler
    extends DatadogObjectReconciler<DatadogCustomVariable, DatadogCustomVariableSpec, CustomVariable>
    implements Reconciler<DatadogCustomVariable>, Cleaner<DatadogCustomVariable> {

  public static final String NAME = "datadogcustomvariable";

  public DatadogCustomVariableReconciler(ReconcileSettings settings) {
    super(DatadogCustomVariable.class, new CustomVariableKind(), RemoteObjects::variables, settings);
  }
}
