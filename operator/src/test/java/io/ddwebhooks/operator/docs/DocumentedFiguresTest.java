package io.ddwebhooks.operator.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README and the pages under docs/ say nothing the repository contradicts: every benchmark figure they quote equals
 * the benchmark's own output (docs/benchmarks/writes-100ms), docs/benchmarks.md shows that output's table unchanged,
 * and every relative link leads to a file, and a heading, that exists. Tests run in the repository's root folder.
 *
 * <p>A quoted figure lives in a Markdown table whose header has a column naming {@code figures.json} (the key of each
 * row, in backticks) and one column per N, headed {@code N = 1,000}: the value of that key in the run of that N,
 * rounded to the decimals the table shows.
 */
class DocumentedFiguresTest {

  private static final Path OUTPUT = Path.of("docs/benchmarks/writes-100ms");
  private static final Path BENCHMARKS_PAGE = Path.of("docs/benchmarks.md");
  private static final Pattern N_COLUMN = Pattern.compile("^N = ([\\d,]+)$");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

  /** README.md and every Markdown page under docs/. */
  static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(Path.of("README.md"));
    try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  @Test
  void everyQuotedBenchmarkFigureIsTheBenchmarksOwn() throws IOException {
    Map<Long, JsonNode> runs = new HashMap<>();
    for (JsonNode run : new ObjectMapper().readTree(OUTPUT.resolve("figures.json").toFile())) {
      runs.put(run.get("n").asLong(), run);
    }
    List<String> checked = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    for (Path page : pages()) {
      for (List<List<String>> table : tables(Files.readAllLines(page))) {
        List<String> header = table.get(0);
        int keyColumn = -1;
        Map<Integer, Long> nColumns = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
          Matcher n = N_COLUMN.matcher(header.get(c));
          if (header.get(c).contains("figures.json")) {
            keyColumn = c;
          } else if (n.matches()) {
            nColumns.put(c, Long.parseLong(n.group(1).replace(",", "")));
          }
        }
        if (keyColumn < 0) {
          continue;
        }
        assertThat(nColumns).as("%s: a figures table has columns headed 'N = <n>': %s", page, header).isNotEmpty();
        for (List<String> row : table.subList(2, table.size())) {
          String key = row.get(keyColumn).replace("`", "").trim();
          for (Map.Entry<Integer, Long> column : nColumns.entrySet()) {
            String where = page + ", " + key + " at N=" + column.getValue();
            JsonNode run = runs.get(column.getValue());
            assertThat(run).as("%s: figures.json has a run at that N", where).isNotNull();
            JsonNode value = run.get(key);
            assertThat(value).as("%s: figures.json has that key", where).isNotNull();
            String quoted = row.get(column.getKey()).trim();
            assertThat(quoted).as("%s: a plain number", where).matches(NUMBER);
            BigDecimal shown = new BigDecimal(quoted);
            BigDecimal actual = value.decimalValue().setScale(shown.scale(), RoundingMode.HALF_UP);
            if (actual.compareTo(shown) != 0) {
              wrong.add(where + ": quoted " + quoted + ", the benchmark measured " + value.asText());
            }
            checked.add(where);
          }
        }
      }
    }
    assertThat(wrong).as("quoted figures that are not the benchmark's output").isEmpty();
    assertThat(checked).as("README quotes its benchmark figures in a checked table")
        .anyMatch(c -> c.startsWith("README.md"));
  }

  @Test
  void theBenchmarksPageShowsTheRunsOwnTable() throws IOException {
    List<String> table = Files.readAllLines(OUTPUT.resolve("benchmark.md")).stream()
        .filter(line -> line.startsWith("|")).toList();
    assertThat(table).as("benchmark.md has its table").hasSizeGreaterThan(2);
    assertThat(Files.readString(BENCHMARKS_PAGE)).as("%s copies %s's table unchanged", BENCHMARKS_PAGE,
        OUTPUT.resolve("benchmark.md")).contains(String.join("\n", table));
  }

  @Test
  void everyRelativeLinkLeadsToAnExistingFileAndHeading() throws IOException {
    List<String> broken = new ArrayList<>();
    int links = 0;
    for (Path page : pages()) {
      for (String target : links(Files.readAllLines(page))) {
        if (target.startsWith("http://") || target.startsWith("https://") || target.startsWith("mailto:")) {
          continue;
        }
        links++;
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? "" : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
          broken.add(page + ": (" + target + ") names no file");
        } else if (!anchor.isEmpty() && resolved.toString().endsWith(".md")
            && !anchors(Files.readAllLines(resolved)).contains(anchor)) {
          broken.add(page + ": (" + target + ") names no heading of " + file);
        }
      }
    }
    assertThat(broken).as("relative links in README.md and docs/").isEmpty();
    assertThat(links).as("relative links checked").isPositive();
  }

  @Test
  void theCheckerReadsTablesLinksAndHeadingsAsGitHubDoes() {
    List<String> text = List.of("# The sandbox, the `emulator` and the operator's jar", "", "```yaml",
        "# not a heading: [x](inside-code.md)", "```", "## Writes 100 ms (N = 100 and 1,000)",
        "See [`deploy`](../deploy) and [a](other.md#part), not `[b](in-a-code-span.md)`.", "",
        "| a | b |", "|---|---|", "| 1 | 2 |", "", "## Writes 100 ms (N = 100 and 1,000)");
    assertThat(anchors(text)).containsExactlyInAnyOrder("the-sandbox-the-emulator-and-the-operators-jar",
        "writes-100-ms-n--100-and-1000", "writes-100-ms-n--100-and-1000-1");
    assertThat(links(text)).containsExactly("../deploy", "other.md#part");
    assertThat(tables(text)).containsExactly(List.of(List.of("a", "b"), List.of("---", "---"), List.of("1", "2")));
  }

  /** The lines outside fenced code blocks. */
  private static List<String> prose(List<String> lines) {
    List<String> out = new ArrayList<>();
    boolean fenced = false;
    for (String line : lines) {
      if (line.trim().startsWith("```")) {
        fenced = !fenced;
      } else if (!fenced) {
        out.add(line);
      }
    }
    return out;
  }

  /** Link targets, outside code blocks and code spans (a link whose text is a code span counts). */
  static List<String> links(List<String> lines) {
    List<String> targets = new ArrayList<>();
    for (String line : prose(lines)) {
      Matcher link = LINK.matcher(CODE_SPAN.matcher(line).replaceAll("x"));
      while (link.find()) {
        targets.add(link.group(1));
      }
    }
    return targets;
  }

  /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as '-', repeats numbered. */
  static Set<String> anchors(List<String> lines) {
    Set<String> anchors = new TreeSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : prose(lines)) {
      Matcher heading = HEADING.matcher(line);
      if (!heading.matches()) {
        continue;
      }
      String text = heading.group(1).replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
      String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
      int count = seen.merge(slug, 1, Integer::sum);
      anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
    }
    return anchors;
  }

  /** Markdown tables outside code blocks: rows of trimmed cells, the header first. */
  static List<List<List<String>>> tables(List<String> lines) {
    List<List<List<String>>> tables = new ArrayList<>();
    List<List<String>> current = null;
    for (String line : prose(lines)) {
      String t = line.trim();
      if (t.startsWith("|") && t.endsWith("|") && t.length() > 1) {
        if (current == null) {
          current = new ArrayList<>();
          tables.add(current);
        }
        List<String> cells = new ArrayList<>();
        for (String cell : t.substring(1, t.length() - 1).split("\\|", -1)) {
          cells.add(cell.trim());
        }
        current.add(cells);
      } else {
        current = null;
      }
    }
    tables.removeIf(table -> table.size() < 2);
    return tables;
  }
}
