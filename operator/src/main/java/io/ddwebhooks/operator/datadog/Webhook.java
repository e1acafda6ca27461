package io.ddwebhooks.operator.datadog;

/**
 * A webhook as the Datadog API carries it. {@code payload} and {@code customHeaders} are JSON documents encoded as
 * strings; a null {@code customHeaders} means no headers.
 */
public record Webhook(String name, String url, String payload, String customHeaders, String encodeAs) {

  /**
   * The template Datadog stores when a webhook is created without a payload (recorded 2021-2025). The operator sends
   * it explicitly for an unset payload, so convergence never depends on how the server treats a null payload.
   */
  public static final String DEFAULT_PAYLOAD =
      "{\"body\": \"$EVENT_MSG\", \"last_updated\": \"$LAST_UPDATED\", \"event_type\": \"$EVENT_TYPE\","
          + " \"title\": \"$EVENT_TITLE\", \"date\": \"$DATE\", \"org\": {\"id\": \"$ORG_ID\","
          + " \"name\": \"$ORG_NAME\"}, \"id\": \"$ID\"}";

  public static final String ENCODE_JSON = "json";

  public Webhook withName(String newName) {
    return new Webhook(newName, url, payload, customHeaders, encodeAs);
  }
}
