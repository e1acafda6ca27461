package io.ddwebhooks.emulator;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a receiver would get when a monitor alert fires a stored webhook: Datadog's built-in variables filled with the
 * sample values of one made-up alert, custom variables with their stored values (secret ones too: Datadog substitutes
 * those), anything else left as written. The emulator's own reading of the substitution rules in
 * shared/reference/datadog-webhook-variables.md, kept apart from the operator's checks so that tests compare two
 * independent readings:
 * <ul>
 *   <li>a reference is {@code $} and a whole {@code [A-Z0-9_]+} token, so the longest name wins (R1, R7);
 *       {@code $TAGS[key]} gives the tag's value or the empty string;</li>
 *   <li>one pass: a custom variable's value is inserted as it is, not expanded again (Q10 is open);</li>
 *   <li>a built-in wins over a custom variable of the same name (Q3 is open);</li>
 *   <li>values inside the payload and the custom headers (JSON) are JSON-string-escaped (R5); in the URL they are
 *       percent-encoded (Q6 is open); {@code encode_as: form} sends the payload's fields as a form (R4).</li>
 * </ul>
 */
public final class SampleNotification {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern REFERENCE = Pattern.compile("\\$([A-Z0-9_]+)(\\[([^\\]]*)])?");
  private static final String SAMPLE_TAGS = "env:prod, service:checkout, role:computing-node";

  /** One made-up monitor alert; every built-in of the reference list has a value (empty when it would not apply). */
  public static final Map<String, String> BUILT_INS = builtIns();

  private SampleNotification() {}

  /** The notification as sent: the URL, the headers and the body. */
  public record Rendered(String url, Map<String, String> headers, String body) {

    public ObjectNode toJson() {
      ObjectNode n = JSON.createObjectNode();
      n.put("url", url);
      ObjectNode h = n.putObject("headers");
      headers.forEach(h::put);
      n.put("body", body);
      return n;
    }
  }

  /** Renders {@code webhook} (as stored) with the org's custom variables ({@code variables}: name to value). */
  public static Rendered render(JsonNode webhook, Map<String, String> variables) {
    String url = substitute(webhook.path("url").asText(), variables, Escape.URL);
    Map<String, String> headers = new LinkedHashMap<>();
    String headersTemplate = webhook.path("custom_headers").asText(null);
    if (headersTemplate != null && !headersTemplate.isBlank()) {
      JsonNode parsed = parse(substitute(headersTemplate, variables, Escape.JSON));
      if (parsed != null && parsed.isObject()) {
        parsed.fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().isTextual()
            ? e.getValue().asText() : e.getValue().toString()));
      }
    }
    String body = substitute(webhook.path("payload").asText(""), variables, Escape.JSON);
    if ("form".equals(webhook.path("encode_as").asText())) {
      headers.putIfAbsent("Content-Type", "application/x-www-form-urlencoded");
      body = form(body);
    } else {
      headers.putIfAbsent("Content-Type", "application/json");
    }
    return new Rendered(url, headers, body);
  }

  private enum Escape { JSON, URL }

  private static String substitute(String template, Map<String, String> variables, Escape escape) {
    Matcher m = REFERENCE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value;
      String whole = m.group();
      if (name.equals("TAGS") && m.group(3) != null) {
        value = tag(m.group(3));
      } else if (BUILT_INS.containsKey(name)) {
        value = BUILT_INS.get(name);
        if (m.group(2) != null) {
          value = value + m.group(2); // only $TAGS takes an argument: the brackets stay as written
        }
      } else if (variables.containsKey(name)) {
        value = variables.get(name) + (m.group(2) != null ? m.group(2) : "");
      } else {
        m.appendReplacement(out, Matcher.quoteReplacement(whole));
        continue;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(escape == Escape.URL
          ? URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")
          : new String(JsonStringEncoder.getInstance().quoteAsString(value))));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String tag(String key) {
    for (String tag : SAMPLE_TAGS.split(",\\s*")) {
      int colon = tag.indexOf(':');
      if (colon > 0 && tag.substring(0, colon).equals(key)) {
        return tag.substring(colon + 1);
      }
    }
    return "";
  }

  private static String form(String body) {
    JsonNode parsed = parse(body);
    if (parsed == null || !parsed.isObject()) {
      return body;
    }
    List<String> pairs = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = parsed.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String value = e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString();
      pairs.add(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
          + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
    return String.join("&", pairs);
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      return null;
    }
  }

  private static Map<String, String> builtIns() {
    Map<String, String> b = new LinkedHashMap<>();
    b.put("AGGREG_KEY", "9bd4ac313a4d1e8fae2482df7b77628");
    b.put("ALERT_CYCLE_KEY", "7f3d1c2b9a");
    b.put("ALERT_ID", "1234");
    b.put("ALERT_METRIC", "system.load.1");
    b.put("ALERT_PRIORITY", "P2");
    b.put("ALERT_QUERY", "avg(last_1m):avg:system.load.1{role:computing-node} > 2");
    b.put("ALERT_SCOPE", "availability-zone:us-east-1a, role:computing-node");
    b.put("ALERT_STATUS", "system.load.1 over host:my-host was > 2 at least once during the last 1m");
    b.put("ALERT_TITLE", "[Triggered on {host:my-host}] Load is high");
    b.put("ALERT_TRANSITION", "Triggered");
    b.put("ALERT_TYPE", "error");
    b.put("DATE", "1406662672000");
    b.put("DATE_POSIX", "1406662672");
    b.put("EMAIL", "");
    b.put("EVENT_MSG", "%%%\nLoad is high on my-host\n%%%");
    b.put("EVENT_TITLE", "[Triggered] Load is high");
    b.put("EVENT_TYPE", "query_alert_monitor");
    b.put("HOSTNAME", "my-host");
    b.put("ID", "1234567");
    for (String incident : List.of("ATTACHMENTS", "COMMANDER", "CUSTOMER_IMPACT", "FIELDS", "INTEGRATIONS", "MSG",
        "PUBLIC_ID", "SEVERITY", "STATUS", "TITLE", "TODOS", "URL", "UUID")) {
      b.put("INCIDENT_" + incident, ""); // a monitor alert is not an incident
    }
    b.put("LAST_UPDATED", "1406662672000");
    b.put("LAST_UPDATED_POSIX", "1406662672");
    b.put("LINK", "https://app.datadoghq.com/event/jump_to?event_id=1234567");
    b.put("LOGS_SAMPLE", "");
    b.put("METRIC_NAMESPACE", "system");
    b.put("ORG_ID", "11023");
    b.put("ORG_NAME", "Example Org");
    b.put("PRIORITY", "normal");
    for (String security : List.of("RULE_NAME", "SIGNAL_ID", "SIGNAL_SEVERITY", "SIGNAL_TITLE", "SIGNAL_MSG",
        "SIGNAL_ATTRIBUTES", "RULE_ID", "RULE_MATCHED_QUERIES", "RULE_QUERY", "RULE_GROUP_BY_FIELDS",
        "RULE_TYPE")) {
      b.put("SECURITY_" + security, ""); // nor a security signal
    }
    b.put("SNAPSHOT", "https://p.datadoghq.com/snapshot/example.png");
    for (String synthetics : List.of("TEST_NAME", "FIRST_FAILING_STEP_NAME", "SUMMARY")) {
      b.put("SYNTHETICS_" + synthetics, ""); // nor a synthetics test
    }
    b.put("TAGS", SAMPLE_TAGS);
    b.put("TEXT_ONLY_MSG", "Load is high on my-host");
    b.put("USER", "rudy");
    b.put("USERNAME", "rudy");
    return Map.copyOf(b);
  }
}
