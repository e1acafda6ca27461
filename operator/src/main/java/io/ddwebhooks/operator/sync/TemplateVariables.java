package io.ddwebhooks.operator.sync;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Datadog's webhook template variables ({@code $NAME} and {@code $TAGS[key]}): which names are built in, and which
 * names a URL, header value or payload refers to. Where Datadog's behaviour is undocumented, two readings: the strict
 * one (any case, as if Datadog matched names case-insensitively) decides what may be referenced (confinement); the
 * loose one (upper case only, the documented form) decides what is reported as a possible typo.
 * See shared/reference/datadog-webhook-variables.md.
 */
public final class TemplateVariables {

  /** The documented built-ins (59 entries with the {@code $TAGS[key]} form), and one old name still seen in use. */
  public static final Set<String> BUILT_INS = Set.of(
      "AGGREG_KEY", "ALERT_CYCLE_KEY", "ALERT_ID", "ALERT_METRIC", "ALERT_PRIORITY", "ALERT_QUERY", "ALERT_SCOPE",
      "ALERT_STATUS", "ALERT_TITLE", "ALERT_TRANSITION", "ALERT_TYPE", "DATE", "DATE_POSIX", "EMAIL", "EVENT_MSG",
      "EVENT_TITLE", "EVENT_TYPE", "HOSTNAME", "ID", "INCIDENT_ATTACHMENTS", "INCIDENT_COMMANDER",
      "INCIDENT_CUSTOMER_IMPACT", "INCIDENT_FIELDS", "INCIDENT_INTEGRATIONS", "INCIDENT_MSG", "INCIDENT_PUBLIC_ID",
      "INCIDENT_SEVERITY", "INCIDENT_STATUS", "INCIDENT_TITLE", "INCIDENT_TODOS", "INCIDENT_URL", "INCIDENT_UUID",
      "LAST_UPDATED", "LAST_UPDATED_POSIX", "LINK", "LOGS_SAMPLE", "METRIC_NAMESPACE", "ORG_ID", "ORG_NAME",
      "PRIORITY", "SECURITY_RULE_NAME", "SECURITY_SIGNAL_ID", "SECURITY_SIGNAL_SEVERITY", "SECURITY_SIGNAL_TITLE",
      "SECURITY_SIGNAL_MSG", "SECURITY_SIGNAL_ATTRIBUTES", "SECURITY_RULE_ID", "SECURITY_RULE_MATCHED_QUERIES",
      "SECURITY_RULE_GROUP_BY_FIELDS", "SECURITY_RULE_TYPE", "SNAPSHOT", "SYNTHETICS_TEST_NAME",
      "SYNTHETICS_FIRST_FAILING_STEP_NAME", "SYNTHETICS_SUMMARY", "TAGS", "TEXT_ONLY_MSG", "USER", "USERNAME",
      // the old name of SECURITY_RULE_MATCHED_QUERIES, still in many payloads: not reported as a typo
      "SECURITY_RULE_QUERY");

  /**
   * $ (or %24, as a URL may carry it, or ${) then a whole name token, so the longest name wins ($DATE_POSIX is not
   * $DATE). Anywhere: inside the brackets of $TAGS[...] or $DATE[...] too, since how Datadog reads those is not
   * documented and a reference hidden there must not escape the check.
   */
  private static final Pattern REFERENCE = Pattern.compile("(?:\\$|%24)\\{?([A-Za-z0-9_]+)");

  private TemplateVariables() {}

  /** One {@code $NAME} in a text; {@code documented}: upper case, the form Datadog documents. */
  public record Reference(String name, boolean documented) {

    /** The name as Datadog would match it if it ignored case (the strict reading). */
    public String upper() {
      return name.toUpperCase(Locale.ROOT);
    }
  }

  /** How many distinct custom (not built-in) variables {@code texts} refer to, names compared as Datadog might. */
  public static long customNames(List<String> texts) {
    return texts.stream().flatMap(t -> extract(t).stream()).filter(r -> !builtIn(r.name())).map(Reference::upper)
        .distinct().count();
  }

  /** The references in {@code text}, in order, each name once. */
  public static List<Reference> extract(String text) {
    if (text == null) {
      return List.of();
    }
    Set<String> seen = new LinkedHashSet<>();
    List<Reference> out = new ArrayList<>();
    Matcher m = REFERENCE.matcher(text);
    while (m.find()) {
      String name = m.group(1);
      if (seen.add(name)) {
        out.add(new Reference(name, name.equals(name.toUpperCase(Locale.ROOT))));
      }
    }
    return out;
  }

  public static boolean builtIn(String upperName) {
    return BUILT_INS.contains(upperName);
  }

  /** A built-in (or one of {@code known}) within two edits of {@code name}, the nearest first; empty if none. */
  public static Optional<String> nearest(String name, Set<String> known) {
    List<String> candidates = new ArrayList<>(BUILT_INS);
    candidates.addAll(known);
    return candidates.stream().filter(c -> !c.equals(name))
        .map(c -> new Object[] {c, distance(name, c)})
        .filter(p -> (int) p[1] <= 2)
        .min(Comparator.comparingInt((Object[] p) -> (int) p[1]).thenComparing(p -> (String) p[0]))
        .map(p -> (String) p[0]);
  }

  /** Levenshtein distance, with a transposition counted as one edit (TITEL for TITLE). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
