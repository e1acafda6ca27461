package io.ddwebhooks.operator.migration;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Valid, unique metadata.names for Datadog names (which may hold upper case and '_'). */
final class KubeNames {

  private final Set<String> taken = new HashSet<>();

  /** A DNS-1123 label for {@code datadogName}, unique among those this instance gave out. */
  String of(String datadogName) {
    String base = datadogName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-")
        .replaceAll("^-+|-+$", "");
    if (base.isEmpty()) {
      base = "object";
    }
    if (base.length() > 55) {
      base = base.substring(0, 55).replaceAll("-+$", "");
    }
    String name = base;
    for (int i = 2; !taken.add(name); i++) {
      name = base + "-" + i;
    }
    return name;
  }
}
