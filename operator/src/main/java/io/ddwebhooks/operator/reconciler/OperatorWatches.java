package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.reconciler.credentials.CredentialsUsers;
import io.ddwebhooks.operator.reconciler.kube.SecretEvents;

/**
 * The watches the controllers share rather than each keeping its own: the one Secret watch, the users of credentials
 * as the controllers of webhooks, custom variables and auth methods see them, and the custom variables as their own
 * controller sees them.
 */
public record OperatorWatches(SecretEvents secrets, CredentialsUsers users, VariableWatch variables) {}
