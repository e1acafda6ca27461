package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.reconciler.credentials.CredentialsUsers;
import io.ddwebhooks.operator.reconciler.kube.SecretEvents;

/**
 * The watches the controllers share rather than each keeping its own: the one Secret watch, and the users of
 * credentials as the controllers of webhooks, custom variables and auth methods see them.
 */
public record OperatorWatches(SecretEvents secrets, CredentialsUsers users) {}
