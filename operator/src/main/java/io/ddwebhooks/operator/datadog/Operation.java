package io.ddwebhooks.operator.datadog;

/** The five things the operator asks of Datadog about one object; what an answer means depends on which it was. */
public enum Operation {
  GET,
  CREATE,
  /** A PUT that keeps the name. */
  UPDATE,
  /** A PUT on the old name carrying a new one. */
  RENAME,
  DELETE
}
