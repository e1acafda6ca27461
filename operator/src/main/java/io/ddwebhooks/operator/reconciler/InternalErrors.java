package io.ddwebhooks.operator.reconciler;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Describes an unexpected exception without its message, which may quote the input that caused it (a payload, a
 * Secret's value): its class and where it was thrown, for status and Events; the call stack (frames only, no
 * messages) for the log.
 */
final class InternalErrors {

  private static final int FRAMES = 12;

  private InternalErrors() {}

  static String describe(Throwable e) {
    StackTraceElement[] trace = e.getStackTrace();
    String where = trace.length == 0 ? "" : " at " + frame(trace[0]);
    return "internal error: " + e.getClass().getName() + where + "; retried with backoff (the operator log has"
        + " the call stack; please report it)";
  }

  /** The exception classes in the cause chain and the top frames of the stack, without any message. */
  static String stack(Throwable e) {
    StringBuilder out = new StringBuilder(e.getClass().getName());
    out.append(Arrays.stream(e.getStackTrace()).limit(FRAMES).map(f -> "\n\tat " + frame(f))
        .collect(Collectors.joining()));
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      out.append("\ncaused by ").append(c.getClass().getName());
    }
    return out.toString();
  }

  private static String frame(StackTraceElement f) {
    return f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")";
  }

  /**
   * What a failure nobody anticipated comes to: {@link Outcome.Internal}, logged with its stack; but when the operator
   * is stopping (the thread was interrupted: an upgrade, a drain), {@link Outcome.Stopped}, which reports nothing.
   */
  static io.ddwebhooks.operator.sync.Outcome outcome(org.slf4j.Logger log, String what, RuntimeException e) {
    if (Thread.currentThread().isInterrupted()) {
      log.debug("{} cut short: the operator is stopping ({})", what, e.getClass().getSimpleName());
      return new io.ddwebhooks.operator.sync.Outcome.Stopped(what + " cut short: the operator is stopping");
    }
    log.error("{} failed unexpectedly: {}", what, stack(e));
    return new io.ddwebhooks.operator.sync.Outcome.Internal(describe(e));
  }
}
