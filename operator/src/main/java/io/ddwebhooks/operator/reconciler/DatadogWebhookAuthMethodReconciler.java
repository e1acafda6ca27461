package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.DatadogWebhookAuthMethod;
import io.ddwebhooks.operator.crd.DatadogWebhookAuthMethodSpec;
import io.ddwebhooks.operator.datadog.AuthMethod;
import io.ddwebhooks.operator.sync.AuthMethodKind;
import io.ddwebhooks.operator.sync.RemoteObjects;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;

/**
 * Converges Datadog webhook auth methods (API v2, OAuth2 client credentials) to DatadogWebhookAuthMethod resources;
 * deletes through a finalizer. Registered only where the API server serves the kind.
 */
@ControllerConfiguration(name = DatadogWebhookAuthMethodReconciler.NAME, finalizerName = "ddwebhooks.io/finalizer")
public class DatadogWebhookAuthMethodReconciler
    extends DatadogObjectReconciler<DatadogWebhookAuthMethod, DatadogWebhookAuthMethodSpec, AuthMethod>
    implements Reconciler<DatadogWebhookAuthMethod>, Cleaner<DatadogWebhookAuthMethod> {

  public static final String NAME = "datadogwebhookauthmethod";
  /** The resource's plural, as discovery lists it. */
  public static final String PLURAL = "datadogwebhookauthmethods";

  public DatadogWebhookAuthMethodReconciler(ReconcileSettings settings) {
    super(DatadogWebhookAuthMethod.class, new AuthMethodKind(), RemoteObjects::authMethods, settings);
  }
}
