package io.ddwebhooks.operator.datadog;

import java.util.List;
import java.util.Locale;

/**
 * What one answer from Datadog means, decided here and nowhere else: from the operation, the HTTP status and
 * Datadog's {@code errors[]} texts. The HTTP client uses it to map "absent" to an empty result, and the outcome model
 * ({@code sync.Outcomes}) uses it to decide the Ready reason and when to try again.
 */
public enum Verdict {
  /** 2xx: done. */
  SUCCESS,
  /** The object is not there (404, or the pre-2022 400 "... does not exist"). */
  ABSENT,
  /**
   * The name belongs to another object (400 "already exists", or 409, on a create or rename; a 409 on any write that
   * carries the name, where the endpoint documents 409 as a name in use).
   */
  NAME_TAKEN,
  /** The request itself was refused (other 4xx): the same request would be refused again. */
  REJECTED,
  /** The keys were refused (401, 403). */
  AUTH_FAILED,
  /** 429. */
  RATE_LIMITED,
  /** No answer, a 5xx, or anything a retry may fix (a 409 race on an update, say). */
  UNAVAILABLE,
  /** Not sent ({@link TurnedAwayException}): the org's write queue was full, or its reads paced; try again shortly. */
  BUSY,
  /** Cut short because the operator is stopping: maybe carried out, maybe not; the next leader looks again. */
  STOPPING;

  /** What {@code failure} means for {@code operation}: a call never sent is {@link #BUSY}, else as its answer says. */
  public static Verdict of(Operation operation, DatadogApiException failure) {
    if (failure instanceof TurnedAwayException) {
      return BUSY;
    }
    return of(operation, failure.status(), failure.errors(), failure.conflictMeansNameInUse());
  }

  /** Status 0 is a network failure (no answer: timeout, reset, refused connection). */
  public static Verdict of(Operation operation, int status, List<String> errors) {
    return of(operation, status, errors, false);
  }

  /**
   * As {@link #of(Operation, int, List)}, for an endpoint that says what its 409 means: {@code conflictIsNameInUse}
   * when it documents 409 as "the name is in use" on every write that sends the name (API v2's auth methods, whose
   * every PATCH carries it); v1 documents no 409.
   */
  public static Verdict of(Operation operation, int status, List<String> errors, boolean conflictIsNameInUse) {
    if (status >= 200 && status < 300) {
      return SUCCESS;
    }
    if (status == DatadogApiException.STOPPING) {
      return STOPPING;
    }
    if (status == 0 || status >= 500) {
      return UNAVAILABLE;
    }
    if (status == 401 || status == 403) {
      return AUTH_FAILED;
    }
    if (status == 429) {
      return RATE_LIMITED;
    }
    boolean namesTheTarget = operation == Operation.CREATE || operation == Operation.RENAME;
    if (status == 404 || (status == 400 && mentions(errors, "does not exist"))) {
      // 400 "does not exist" is how Datadog said 404 before 2022 (recorded in 2021 cassettes)
      return ABSENT;
    }
    if (status == 400 && mentions(errors, "already exists")) {
      return namesTheTarget ? NAME_TAKEN : REJECTED;
    }
    if (status == 409) {
      // not documented for v1; v2 uses it for a name in use. On a DELETE it is a refusal (an auth method still in
      // use, say): the same request would be refused again. On a v1 update that names no new object it is a race;
      // a v2 PATCH always sends the name, and its 409 is documented, so there it is the name too.
      if (operation == Operation.DELETE) {
        return REJECTED;
      }
      return namesTheTarget || (conflictIsNameInUse && operation == Operation.UPDATE) ? NAME_TAKEN : UNAVAILABLE;
    }
    if (status >= 400) {
      return REJECTED;
    }
    // 1xx and 3xx are not answers this API gives: a proxy in the way, say; retry with backoff
    return UNAVAILABLE;
  }

  /**
   * Whether the write certainly did not happen: a 4xx refusal, or a call never sent. After a timeout, a 5xx or a
   * dropped connection the write may have been carried out.
   */
  public static boolean certainlyNotApplied(DatadogApiException failure) {
    return failure instanceof TurnedAwayException || (failure.status() >= 400 && failure.status() < 500);
  }

  private static boolean mentions(List<String> errors, String text) {
    return errors.stream().anyMatch(m -> m != null && m.toLowerCase(Locale.ROOT).contains(text));
  }
}
