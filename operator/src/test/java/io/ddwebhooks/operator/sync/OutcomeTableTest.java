package io.ddwebhooks.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.datadog.Operation;
import io.ddwebhooks.operator.datadog.TurnedAwayException;
import io.ddwebhooks.operator.datadog.Verdict;
import io.ddwebhooks.operator.datadog.Webhook;
import io.ddwebhooks.operator.testing.EmulatedDatadog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every answer Datadog can give, for every operation: what it means ({@link Verdict}) and what the reconcile makes of
 * it ({@link Outcome}), driven through the real {@link Converger} against a plain fake of the API seam.
 */
class OutcomeTableTest {

  /** One answer: the status, Datadog's error text, and the rate-limit reset header (seconds), if any. */
  record Answer(String label, int status, String error, Integer reset) {
    @Override
    public String toString() {
      return label;
    }
  }

  static final Answer OK_200 = new Answer("200", 200, null, null);
  static final Answer OK_201 = new Answer("201", 201, null, null);
  static final Answer OK_204 = new Answer("204", 204, null, null);
  static final Answer TAKEN = new Answer("400 already exists", 400, "Webhook already exists", null);
  static final Answer LEGACY_ABSENT = new Answer("400 does not exist", 400, "Webhook does not exist", null);
  static final Answer BAD = new Answer("400 other", 400, "Invalid payload", null);
  static final Answer UNAUTHORIZED = new Answer("401", 401, "Unauthorized", null);
  static final Answer FORBIDDEN = new Answer("403", 403, "Forbidden", null);
  static final Answer NOT_FOUND = new Answer("404", 404, "Webhook does not exist", null);
  static final Answer CONFLICT = new Answer("409", 409, "Conflict", null);
  static final Answer UNPROCESSABLE = new Answer("422", 422, "Unprocessable", null);
  static final Answer LIMITED_RESET = new Answer("429 with reset", 429, "Rate limit exceeded", 13);
  static final Answer LIMITED = new Answer("429 no reset", 429, "Rate limit exceeded", null);
  static final Answer ERROR_500 = new Answer("500", 500, "Internal Server Error", null);
  static final Answer ERROR_502 = new Answer("502", 502, "Bad Gateway", null);
  static final Answer ERROR_503 = new Answer("503", 503, "Service Unavailable", null);
  static final Answer TIMEOUT = new Answer("timeout", 0, "HttpTimeoutException", null);
  static final Answer RESET = new Answer("connection reset", 0, "IOException", null);

  static final List<Answer> FAILURES = List.of(TAKEN, LEGACY_ABSENT, BAD, UNAUTHORIZED, FORBIDDEN, NOT_FOUND,
      CONFLICT, UNPROCESSABLE, LIMITED_RESET, LIMITED, ERROR_500, ERROR_502, ERROR_503, TIMEOUT, RESET);

  /** The expected verdict: the whole table, row by row. */
  static Verdict expectedVerdict(Operation op, Answer a) {
    boolean namesTarget = op == Operation.CREATE || op == Operation.RENAME;
    return switch (a.label()) {
      case "200", "201", "204" -> Verdict.SUCCESS;
      case "400 already exists" -> namesTarget ? Verdict.NAME_TAKEN : Verdict.REJECTED;
      case "400 does not exist", "404" -> Verdict.ABSENT;
      case "400 other", "422" -> Verdict.REJECTED;
      case "401", "403" -> Verdict.AUTH_FAILED;
      case "409" -> namesTarget ? Verdict.NAME_TAKEN : op == Operation.DELETE ? Verdict.REJECTED : Verdict.UNAVAILABLE;
      case "429 with reset", "429 no reset" -> Verdict.RATE_LIMITED;
      default -> Verdict.UNAVAILABLE;
    };
  }

  /** The expected outcome of the reconcile (its class), row by row. */
  static Class<? extends Outcome> expectedOutcome(Operation op, Answer a) {
    return switch (expectedVerdict(op, a)) {
      case NAME_TAKEN -> Outcome.Conflict.class;
      case REJECTED -> Outcome.Rejected.class;
      case AUTH_FAILED -> Outcome.AuthFailed.class;
      case RATE_LIMITED -> Outcome.RateLimited.class;
      case UNAVAILABLE -> Outcome.Unavailable.class;
      case ABSENT -> switch (op) {
        // GET: absent means create it; UPDATE and RENAME: it vanished, create it again; DELETE: already gone
        case GET, UPDATE, RENAME -> Outcome.Applied.class;
        case DELETE -> Outcome.Synced.class;
        // a create answered "not found": the endpoint is wrong, worth retrying, never final
        case CREATE -> Outcome.Unavailable.class;
      };
      case BUSY -> Outcome.Queued.class;
      case STOPPING -> Outcome.Stopped.class;
      case SUCCESS -> throw new IllegalStateException();
    };
  }

  static Stream<Arguments> everyAnswer() {
    List<Arguments> rows = new ArrayList<>();
    for (Operation op : Operation.values()) {
      for (Answer a : List.of(OK_200, OK_201, OK_204)) {
        rows.add(Arguments.of(op, a));
      }
      for (Answer a : FAILURES) {
        rows.add(Arguments.of(op, a));
      }
    }
    return rows.stream();
  }

  static Stream<Arguments> everyFailure() {
    return everyAnswer().filter(args -> ((Answer) args.get()[1]).status() < 200
        || ((Answer) args.get()[1]).status() >= 300);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyAnswer")
  void verdict(Operation op, Answer a) {
    List<String> errors = a.error() == null ? List.of() : List.of(a.error());
    assertThat(Verdict.of(op, a.status(), errors)).isEqualTo(expectedVerdict(op, a));
  }

  /**
   * API v2's auth methods document 409 as "the name is in use", and every PATCH sends the name: there a 409 on an
   * update is a name conflict too (v1's stays a race); every other cell reads as in v1.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyAnswer")
  void verdictWhereA409MeansTheNameIsInUse(Operation op, Answer a) {
    List<String> errors = a.error() == null ? List.of() : List.of(a.error());
    Verdict expected = a.status() == 409 && op == Operation.UPDATE ? Verdict.NAME_TAKEN : expectedVerdict(op, a);
    assertThat(Verdict.of(op, a.status(), errors, true)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyFailure")
  void outcome(Operation op, Answer a) {
    EmulatedDatadog datadog = new EmulatedDatadog();
    Converger<Webhook> converger = new Converger<>(new WebhookKind(), RemoteObjects.webhooks(datadog));
    Webhook desired = new Webhook("hook", "https://new.example.com", Webhook.DEFAULT_PAYLOAD, null, "json");
    Ownership owned = new Ownership("hook", null, sent -> false,
        ResourcePolicy.Adoption.NOT_REQUESTED, null,
        false, false, false);
    RecordingIntent intent = new RecordingIntent();
    EmulatedDatadog.Failure failure = new EmulatedDatadog.Failure(a.status(),
        a.error() == null ? List.of() : List.of(a.error()), a.reset() == null ? null : Duration.ofSeconds(a.reset()));
    Outcome outcome = switch (op) {
      case GET -> {
        // a webhook this resource owns: its GET comes first (an unowned one is created without a GET)
        datadog.fail(Operation.GET, failure);
        yield converger.apply(desired, owned, intent);
      }
      case CREATE -> {
        if (expectedVerdict(op, a) == Verdict.NAME_TAKEN) {
          // the POST says the name is taken: the GET that follows finds somebody else's webhook
          datadog.put(desired.withName("hook"));
        }
        datadog.fail(Operation.CREATE, failure);
        yield converger.apply(desired, unowned(), intent);
      }
      case UPDATE -> {
        datadog.put(new Webhook("hook", "https://old.example.com", Webhook.DEFAULT_PAYLOAD, null,
            "json"));
        datadog.fail(Operation.UPDATE, failure);
        yield converger.apply(desired, owned, intent);
      }
      case RENAME -> {
        datadog.put(desired.withName("old"));
        datadog.fail(Operation.RENAME, failure);
        yield converger.apply(desired, new Ownership("old", null, sent -> false,
            ResourcePolicy.Adoption.NOT_REQUESTED, null,
        false, false, false), intent);
      }
      case DELETE -> {
        datadog.put(desired);
        datadog.fail(Operation.DELETE, failure);
        yield converger.delete("hook");
      }
    };
    assertThat(outcome).as(outcome.message()).isInstanceOf(expectedOutcome(op, a));
    if (outcome instanceof Outcome.Applied w && op != Operation.GET) {
      assertThat(w.change()).as("vanished under a write: created again").isEqualTo(Outcome.Change.RECREATED);
      assertThat(datadog.webhookNames()).contains("hook");
    }
    if (outcome instanceof Outcome.RateLimited r) {
      assertThat(r.reset()).isEqualTo(Optional.ofNullable(a.reset()).map(Duration::ofSeconds));
    }
    if ((op == Operation.CREATE || op == Operation.RENAME) && !(outcome instanceof Outcome.Applied)) {
      // the name was recorded before the write; a refusal voids it, a failure that may have written keeps it
      assertThat(intent.recorded).containsExactly("hook");
      assertThat(intent.cleared).as("intent cleared").isEqualTo(a.status() >= 400 && a.status() < 500);
    }
  }

  /** A create this process never sent (its org's write queue was full): queued, and the recorded name is void. */
  @Test
  void aWriteTurnedAwayIsQueuedAndCertainlyNotApplied() {
    EmulatedDatadog datadog = new EmulatedDatadog();
    TurnedAwayException full = new TurnedAwayException("waiting to write to Datadog", "the queue is full", null);
    Converger<Webhook> converger = new Converger<>(new WebhookKind(), new RemoteObjects<>(datadog::getWebhook,
        w -> {
          throw full;
        }, datadog::updateWebhook, datadog::deleteWebhook));
    RecordingIntent intent = new RecordingIntent();
    Outcome outcome = converger.apply(new Webhook("hook", "https://new.example.com", Webhook.DEFAULT_PAYLOAD, null,
        "json"), unowned(), intent);
    assertThat(Verdict.of(Operation.CREATE, full)).isEqualTo(Verdict.BUSY);
    assertThat(outcome).as(outcome.message()).isInstanceOf(Outcome.Queued.class);
    assertThat(intent.recorded).containsExactly("hook");
    assertThat(intent.cleared).as("nothing was sent").isTrue();
    assertThat(datadog.webhookNames()).isEmpty();
  }

  private static Ownership unowned() {
    return new Ownership(null, null, sent -> false, ResourcePolicy.Adoption.NOT_REQUESTED, null,
        false, false, false);
  }

  static final class RecordingIntent implements WriteIntent {
    final List<String> recorded = new ArrayList<>();
    boolean cleared;

    @Override
    public void record(String name, String sent) {
      recorded.add(name);
      cleared = false;
    }

    @Override
    public void clear() {
      cleared = true;
    }
  }
}
