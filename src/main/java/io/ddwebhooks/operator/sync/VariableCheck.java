package io.ddwebhooks.operator.sync;

import io.ddwebhooks.operator.config.TemplateRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks a webhook's templates against the custom variables of its org: references to no known variable (possible
 * typos, the loose reading) and references the webhook's namespace may not make (confinement, the strict reading).
 * Pure: the declarations and what Datadog holds are inputs. For text that came from a Secret, messages name the field
 * and the Secret key, never the names found in it (they are part of the secret).
 */
public final class VariableCheck {

  /** A template text and where it came from ({@code where}: the field, and for a Secret its name and key). */
  public record Text(String where, String text, boolean fromSecret) {}

  /**
   * A custom variable a DatadogCustomVariable declares in this org: its namespace, whether it is secret, the
   * namespaces it is shared with ("*": all), and its value when literal (references in it count too).
   */
  public record Declaration(String namespace, boolean secret, Set<String> sharedWith, String literalValue) {

    public boolean shared(String namespace) {
      return sharedWith.contains("*") || sharedWith.contains(namespace);
    }
  }

  /** What the check found; empty lists and messages when all is well. */
  public record Result(List<String> unknown, Optional<String> notAllowed, Set<String> foreignSecrets) {

    public boolean resolved() {
      return unknown.isEmpty();
    }
  }

  private VariableCheck() {}

  /**
   * {@code declared}: the org's declared variables by name; {@code remote}: for a name no resource declares, whether
   * Datadog holds it (empty) and whether it is secret (the Optional's value).
   */
  public static Result check(List<Text> texts, String namespace, Map<String, Declaration> declared,
      Function<String, Optional<Boolean>> remote, TemplateRules rules) {
    List<String> unknown = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    Set<String> foreignSecrets = new LinkedHashSet<>();
    for (Text t : texts) {
      List<String> typos = new ArrayList<>();
      boolean refusedHere = false;
      for (TemplateVariables.Reference r : TemplateVariables.extract(t.text())) {
        // typos: the documented (upper-case) form only; a built-in, a declared or an existing variable is known
        if (r.documented() && !TemplateVariables.builtIn(r.name()) && !declared.containsKey(r.name())
            && remote.apply(r.name()).isEmpty()) {
          typos.add("$" + r.name() + TemplateVariables.nearest(r.name(), declared.keySet())
              .map(n -> " - did you mean $" + n + "?").orElse(""));
        }
        // confinement: any case, and through the literal values of the variables referenced
        for (String name : reachable(r.upper(), declared, new HashSet<>())) {
          Optional<String> why = denied(name, namespace, declared, remote, rules);
          if (why.isPresent()) {
            refusedHere = true;
            if (!t.fromSecret()) {
              refused.add(why.get());
            }
            if (declared.containsKey(name) && declared.get(name).secret()) {
              foreignSecrets.add(name);
            }
          }
        }
      }
      if (!typos.isEmpty()) {
        unknown.add(t.fromSecret() ? t.where() + " refers to " + typos.size() + " variable(s) that no resource"
            + " declares and Datadog does not hold" : t.where() + ": " + String.join(", ", typos));
      }
      if (refusedHere && t.fromSecret()) {
        refused.add(t.where() + " refers to a custom variable this namespace may not use");
      }
    }
    Optional<String> notAllowed = refused.isEmpty() ? Optional.empty()
        : Optional.of(String.join("; ", new LinkedHashSet<>(refused)) + "; nothing was written (VARIABLE_ACCESS="
            + rules.access().name().toLowerCase().replace('_', '-') + ")");
    return new Result(unknown, notAllowed, foreignSecrets);
  }

  /** {@code name} and the variables its literal value refers to, transitively (a value may contain $NAMES). */
  private static Set<String> reachable(String name, Map<String, Declaration> declared, Set<String> seen) {
    if (TemplateVariables.builtIn(name) || !seen.add(name)) {
      return seen;
    }
    Declaration d = declared.get(name);
    if (d != null && d.literalValue() != null) {
      for (TemplateVariables.Reference r : TemplateVariables.extract(d.literalValue())) {
        reachable(r.upper(), declared, seen);
      }
    }
    return seen;
  }

  private static Optional<String> denied(String name, String namespace, Map<String, Declaration> declared,
      Function<String, Optional<Boolean>> remote, TemplateRules rules) {
    if (rules.access() == TemplateRules.Access.OFF || TemplateVariables.builtIn(name)) {
      return Optional.empty();
    }
    Declaration d = declared.get(name);
    if (d != null) {
      boolean confined = rules.access() == TemplateRules.Access.NAMESPACE || d.secret();
      return confined && !d.namespace().equals(namespace) && !d.shared(namespace)
          ? Optional.of("$" + name + " is " + (d.secret() ? "a secret" : "a") + " custom variable of another"
              + " namespace, not shared with this one (annotation ddwebhooks.io/shared-with)")
          : Optional.empty();
    }
    Optional<Boolean> held = remote.apply(name);
    if (held.isEmpty()) {
      return Optional.empty();
    }
    if (rules.access() == TemplateRules.Access.NAMESPACE || held.get()) {
      return Optional.of("$" + name + " is a " + (held.get() ? "secret " : "") + "custom variable no"
          + " DatadogCustomVariable of this namespace declares");
    }
    return Optional.empty();
  }
}
