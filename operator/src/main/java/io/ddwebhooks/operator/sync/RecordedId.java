package io.ddwebhooks.operator.sync;

import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import java.util.Optional;

/**
 * The Datadog id a resource's own status recorded for the object it owns under {@code name} (auth methods, API v2):
 * that object is this resource's whatever it is named in Datadog now, so it is read, changed and deleted by that id,
 * and an object someone else made under the name later is not taken for it. Only a status the operator wrote counts,
 * and only in the org that status names (the caller checks the org).
 */
public record RecordedId(String name, String id) {

  /**
   * What {@code status} records, when it proves it: an owned name with its id, and no create or rename pending (the
   * id of what such a write made is not known yet; the pending-name rules decide then) and no move under way (the id
   * is another org's).
   */
  public static Optional<RecordedId> of(DatadogResourceStatus status) {
    if (status == null || status.getRemoteName() == null || status.getId() == null
        || status.getPendingName() != null || status.getMovingFrom() != null) {
      return Optional.empty();
    }
    return Optional.of(new RecordedId(status.getRemoteName(), status.getId()));
  }
}
