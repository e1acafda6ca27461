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
 *
 * <p>Confinement reads conservatively, since Datadog's substitution rules are not documented: every {@code $NAME}
 * anywhere (inside brackets too), a declared name that begins a longer token, and the names the values of the
 * variables referred to refer to, transitively (literal values, values read from Secrets, and values Datadog
 * returns). What decides is the resource that holds a name in the org; a resource that only asks for a name (not
 * yet created, or refused with NameConflict) can make a reference more confined, never less.
 */
public final class VariableCheck {

  /** The most names one reference may reach through variable values (a bound on work, not on safety: see below). */
  static final int MAX_REACHED = 200;

  /** A template text and where it came from ({@code where}: the field, and for a Secret its name and key). */
  public record Text(String where, String text, boolean fromSecret) {}

  /**
   * A custom variable a DatadogCustomVariable declares in this org: its namespace, whether it is secret, the
   * namespaces it is shared with ("*": all), and the names its value refers to (empty when its value is read from a
   * Secret that has not been read yet). {@code id}: the declaring resource, to tell its owner.
   */
  public record Declaration(String id, String namespace, boolean secret, Set<String> sharedWith,
      Optional<Set<String>> references) {

    public boolean shared(String namespace) {
      return sharedWith.contains("*") || sharedWith.contains(namespace);
    }
  }

  /**
   * The declarations of one name in the org: the resource that holds it in Datadog (empty if none does), and those
   * that ask for it without holding it (not in NameConflict).
   */
  public record Declared(Optional<Declaration> holder, List<Declaration> claimants) {

    Optional<Declaration> inNamespace(String namespace) {
      return holder.filter(d -> d.namespace().equals(namespace))
          .or(() -> claimants.stream().filter(d -> d.namespace().equals(namespace)).findFirst());
    }
  }

  /** A custom variable Datadog holds: whether it is secret, and its value when it is not. */
  public record Held(boolean secret, String value) {}

  /**
   * What the check found; empty lists and messages when all is well. {@code cannotTell}: variables whose values
   * (read from Secrets) are not known yet, so what they refer to cannot be checked: nothing may be written until
   * they are.
   */
  public record Result(List<String> unknown, Optional<String> notAllowed, Set<String> foreignSecrets,
      Set<String> cannotTell) {

    public boolean resolved() {
      return unknown.isEmpty();
    }
  }

  private VariableCheck() {}

  /**
   * {@code declared}: the org's declarations by name; {@code remote}: for a name, whether Datadog holds it (one GET,
   * cached by the caller), whether it is secret and its value when not.
   */
  public static Result check(List<Text> texts, String namespace, Map<String, Declared> declared,
      Function<String, Optional<Held>> remote, TemplateRules rules) {
    List<String> unknown = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    Set<String> foreignSecrets = new LinkedHashSet<>();
    Set<String> cannotTell = new LinkedHashSet<>();
    Set<String> ownNames = null; // made on the first typo: it walks every declaration of the org
    for (Text t : texts) {
      List<String> typos = new ArrayList<>();
      boolean refusedHere = false;
      for (TemplateVariables.Reference r : TemplateVariables.extract(t.text())) {
        // typos: the documented (upper-case) form only; a built-in, a declared or an existing variable is known
        if (r.documented() && !TemplateVariables.builtIn(r.name()) && !known(r.name(), declared, remote)) {
          ownNames = ownNames != null ? ownNames : ownNames(declared, namespace);
          typos.add("$" + r.name() + TemplateVariables.nearest(r.name(), ownNames)
              .map(n -> " - did you mean $" + n + "?").orElse(""));
        }
        // confinement: any case, a declared name that begins the token, and through the variables' values
        for (String name : reached(candidates(r.upper(), declared), declared, remote, cannotTell)) {
          Optional<String> why = denied(name, namespace, declared, remote, rules);
          if (why.isPresent()) {
            refusedHere = true;
            if (!t.fromSecret()) {
              refused.add(why.get());
            }
            Declared d = declared.get(name);
            if (d != null && d.holder().isPresent() && d.holder().get().secret()) {
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
    return new Result(unknown, notAllowed, foreignSecrets, cannotTell);
  }

  /** The names a hint may offer: declared in this namespace (another namespace's names are not this reader's). */
  private static Set<String> ownNames(Map<String, Declared> declared, String namespace) {
    Set<String> own = new HashSet<>();
    declared.forEach((name, d) -> {
      if (d.inNamespace(namespace).isPresent()) {
        own.add(name);
      }
    });
    return own;
  }

  private static boolean known(String name, Map<String, Declared> declared,
      Function<String, Optional<Held>> remote) {
    Declared d = declared.get(name);
    return d != null && (d.holder().isPresent() || !d.claimants().isEmpty()) || remote.apply(name).isPresent();
  }

  /**
   * The token, and every declared secret name that begins it ($KEY_SUFFIX may be read as $KEY followed by text); a
   * token that is a built-in is read as the built-in.
   */
  private static Set<String> candidates(String token, Map<String, Declared> declared) {
    Set<String> out = new LinkedHashSet<>();
    out.add(token);
    if (TemplateVariables.builtIn(token)) {
      return out;
    }
    // the declared names that begin the token are among its prefixes (a lookup each, not a walk of the org's names)
    for (int end = 1; end <= token.length(); end++) {
      String name = token.substring(0, end);
      Declared d = declared.get(name);
      if (d != null && (d.holder().map(Declaration::secret).orElse(false)
          || d.claimants().stream().anyMatch(Declaration::secret))) {
        out.add(name);
      }
    }
    return out;
  }

  /**
   * {@code start} and the names their values refer to, transitively: the declarations' (holder and claimants) and,
   * for a name no resource holds, the value Datadog returns. A value not yet known is recorded in {@code cannotTell}.
   */
  private static Set<String> reached(Set<String> start, Map<String, Declared> declared,
      Function<String, Optional<Held>> remote, Set<String> cannotTell) {
    Set<String> seen = new LinkedHashSet<>();
    List<String> todo = new ArrayList<>(start);
    while (!todo.isEmpty() && seen.size() < MAX_REACHED) {
      String name = todo.remove(todo.size() - 1);
      if (TemplateVariables.builtIn(name) || !seen.add(name)) {
        continue;
      }
      Declared d = declared.get(name);
      List<Declaration> decls = new ArrayList<>();
      if (d != null) {
        d.holder().ifPresent(decls::add);
        decls.addAll(d.claimants());
      }
      for (Declaration decl : decls) {
        if (decl.references().isEmpty()) {
          cannotTell.add(name);
        } else {
          decl.references().get().forEach(n -> todo.addAll(candidates(n, declared)));
        }
      }
      if (d == null || d.holder().isEmpty()) {
        remote.apply(name).filter(h -> !h.secret() && h.value() != null).ifPresent(h ->
            TemplateVariables.extract(h.value()).forEach(ref -> todo.addAll(candidates(ref.upper(), declared))));
      }
    }
    if (!todo.isEmpty()) {
      // too many to follow: what was not followed cannot be said to be allowed
      cannotTell.addAll(todo);
    }
    return seen;
  }

  private static Optional<String> denied(String name, String namespace, Map<String, Declared> declared,
      Function<String, Optional<Held>> remote, TemplateRules rules) {
    if (rules.access() == TemplateRules.Access.OFF || TemplateVariables.builtIn(name)) {
      return Optional.empty();
    }
    Declared d = declared.get(name);
    if (d != null && d.holder().isPresent()) {
      return confined(name, d.holder().get(), namespace, rules);
    }
    // no resource holds it: what Datadog holds decides, and a claim can only add to that
    Optional<Held> held = remote.apply(name);
    if (held.isPresent() && (rules.access() == TemplateRules.Access.NAMESPACE || held.get().secret())) {
      return Optional.of("$" + name + " is a " + (held.get().secret() ? "secret " : "") + "custom variable no"
          + " DatadogCustomVariable of this namespace holds");
    }
    if (held.isEmpty() && d != null) {
      for (Declaration claim : d.claimants()) {
        Optional<String> why = confined(name, claim, namespace, rules);
        if (why.isPresent()) {
          return why;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> confined(String name, Declaration d, String namespace, TemplateRules rules) {
    boolean confined = rules.access() == TemplateRules.Access.NAMESPACE || d.secret();
    return confined && !d.namespace().equals(namespace) && !d.shared(namespace)
        ? Optional.of("$" + name + " is " + (d.secret() ? "a secret" : "a") + " custom variable of another"
            + " namespace, not shared with this one (annotation ddwebhooks.io/shared-with)")
        : Optional.empty();
  }
}
