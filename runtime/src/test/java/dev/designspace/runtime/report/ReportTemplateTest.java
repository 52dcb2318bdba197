package dev.designspace.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.designspace.runtime.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report --template}: a user's template renders the report's data, HTML-escaped, with the
 * figures and data files as ever; one that reaches for Java ({@code ?new}, {@code ?api}), is
 * missing or does not parse is refused with exit 2, and nothing is run or written.
 */
class ReportTemplateTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A sweep directory of space {@code space} whose models are done with {@code errors}. */
  private static Path sweep(Path root, String space, String description, double... errors)
      throws IOException {
    return FakeSweep.write(root.resolve(space), space, description, Map.of(), errors);
  }

  private static List<Path> twoSweeps(Path root) throws IOException {
    return List.of(
        sweep(root, "TinyA", "plain", 50, 53, 51, 55, 52, 54),
        sweep(root, "TinyB", "with <b>markup</b>", 20, 23, 21, 25, 22, 24));
  }

  private static Path template(Path root, String text) throws IOException {
    Path file = root.resolve("mine.ftl");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static CliRun report(List<Path> sweeps, Path out, Path template) {
    return CliRun.of(
        "report",
        sweeps.get(0).toString(),
        sweeps.get(1).toString(),
        "--out",
        out.toString(),
        "--template",
        template.toString());
  }

  @Test
  void aUsersTemplateRendersTheReportsData(@TempDir Path root) throws Exception {
    List<Path> sweeps = twoSweeps(root);
    Path template =
        template(
            root,
            String.join(
                "\n",
                "<h1>My comparison of ${sweeps?size} sweeps</h1>",
                "<#list sweeps as s>",
                "<p>${s.label}: ${s.done} of ${s.total} done,"
                    + " best ${s.min!\"-\"} (${s.description})</p>",
                "</#list>",
                "<#list comparisons as c><p>${c.b} against ${c.a}: ${c.verdict}</p></#list>",
                "<div>${edf.svg?no_esc}</div>",
                ""));
    Path out = root.resolve("mine.html");
    CliRun run = report(sweeps, out, template);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains(out.toString());
    String html = Files.readString(out);
    assertThat(html)
        .contains("<h1>My comparison of 2 sweeps</h1>")
        .contains("<p>TinyA: 6 of 6 done, best 50.00 (plain)</p>")
        // strings are HTML-escaped unless the template says otherwise
        .contains("<p>TinyB: 6 of 6 done, best 20.00 (with &lt;b&gt;markup&lt;/b&gt;)</p>")
        .contains("<p>TinyB against TinyA: ")
        .contains("<div><svg")
        .doesNotContain("Design space comparison"); // the built-in template's heading
    // the rest of the report is as ever
    assertThat(out.resolveSibling("edf.svg")).isRegularFile();
    assertThat(out.resolveSibling("models.csv")).isRegularFile();
    assertThat(out.resolveSibling("sweeps.json")).isRegularFile();
    assertThat(out.resolveSibling("edfs.json")).isRegularFile();
  }

  @Test
  void aTemplateThatCreatesJavaObjectsIsRefused(@TempDir Path root) throws Exception {
    List<Path> sweeps = twoSweeps(root);
    Path out = root.resolve("r.html");

    Path processBuilder =
        template(root, "<p>${sweeps?size}</p>\n<#assign p = \"java.lang.ProcessBuilder\"?new()>\n");
    CliRun refused = report(sweeps, out, processBuilder);
    assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
    assertThat(refused.err())
        .contains(processBuilder + ":2:")
        .contains("?new")
        .contains("java.lang.ProcessBuilder");
    assertThat(out).doesNotExist();

    // FreeMarker's own way to run a command: refused too, and nothing runs
    Path marker = root.resolve("ran");
    Path execute =
        template(
            root,
            "<#assign run = \"freemarker.template.utility.Execute\"?new()>${run(\"touch "
                + marker
                + "\")}\n");
    CliRun executed = report(sweeps, out, execute);
    assertThat(executed.exitCode()).as(executed.err()).isEqualTo(2);
    assertThat(executed.err())
        .contains(execute + ":1:")
        .contains("?new")
        .contains("freemarker.template.utility.Execute");
    assertThat(marker).doesNotExist();
    assertThat(out).doesNotExist();
  }

  @Test
  void aTemplateThatReachesBehindItsDataIsRefused(@TempDir Path root) throws Exception {
    List<Path> sweeps = twoSweeps(root);
    Path out = root.resolve("r.html");
    Path template = template(root, "<p>${sweeps?api.getClass().getName()}</p>\n");

    CliRun run = report(sweeps, out, template);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains(template + ":1:").contains("?api");
    assertThat(out).doesNotExist();
  }

  @Test
  void aMissingOrMalformedTemplateIsBadInput(@TempDir Path root) throws Exception {
    List<Path> sweeps = twoSweeps(root);
    Path out = root.resolve("r.html");

    Path missing = root.resolve("nowhere.ftl");
    CliRun none = report(sweeps, out, missing);
    assertThat(none.exitCode()).as(none.err()).isEqualTo(2);
    assertThat(none.err()).contains("the report template " + missing + " does not exist");

    Path directory = Files.createDirectory(root.resolve("templates"));
    CliRun notFile = report(sweeps, out, directory);
    assertThat(notFile.exitCode()).as(notFile.err()).isEqualTo(2);
    assertThat(notFile.err()).contains(directory + " is a directory");

    // FreeMarker's line:column of the error, as spec errors give theirs
    Path malformed = template(root, "<p>fine</p>\n<p>${1 +}</p>\n");
    CliRun syntax = report(sweeps, out, malformed);
    assertThat(syntax.exitCode()).as(syntax.err()).isEqualTo(2);
    assertThat(syntax.err())
        .containsPattern(Pattern.quote(malformed + ":2:") + "\\d+: syntax error");
    assertThat(out).doesNotExist();
  }
}
