package dev.designspace.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.designspace.files.AtomicFiles;
import dev.designspace.runtime.analysis.ProgressionStep;
import dev.designspace.runtime.analysis.Question;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The report from synthetic sweep directories: content, escaping, and a real browser. */
class ReportTest {
  /** A sweep directory with n fake results; errors shifted by {@code offset}. */
  private static Path sweep(
      Path root, String name, String description, int n, double offset, boolean regnet)
      throws IOException {
    Path dir = root.resolve(name);
    AtomicFiles.write(
        dir.resolve("spec.yaml"),
        ("name: " + name + "\ndescription: '" + description.replace("'", "''") + "'\n")
            .getBytes(StandardCharsets.UTF_8));
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < n; i++) {
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("depths", List.of(1 + i % 3, 2, 2 + i % 2));
      config.put("widths", List.of(16, 32 + 8 * (i % 4), 64));
      config.put("groupWidths", List.of(8, 8, 8));
      config.put("bottleneckRatios", List.of(1.0, 1.0, 1.0));
      if (regnet) {
        config.put("depth", 5 + i % 3);
        config.put("w0", 16);
        config.put("wa", 10.0 + i);
        config.put("wm", 2.0 + 0.05 * i);
      }
      Map<String, Object> r = new LinkedHashMap<>();
      String id = name + String.format("_s%04d", i);
      r.put("id", id);
      r.put("status", i == n - 1 ? "diverged" : "done");
      r.put("error", i == n - 1 ? 100.0 : offset + 10 + (i * 7 % n));
      r.put("flops", 5_000_000L + 100_000L * i);
      r.put("params", 100_000L + 5_000L * i);
      r.put("acts", 50_000L + 2_000L * i);
      r.put("trainSeconds", 10.0 + i);
      r.put("config", config);
      AtomicFiles.write(
          dir.resolve("models").resolve(id).resolve("result.json"), json.writeValueAsBytes(r));
    }
    return dir;
  }

  @Test
  void reportComparesSweepsAndEscapesEverything(@TempDir Path root) throws Exception {
    Path a = sweep(root, "SpaceA", "<script>alert('x')</script> & more", 20, 0, true);
    Path b = sweep(root, "SpaceB", "plain", 20, 8, false);
    ReportBuilder.Report report = ReportBuilder.build(List.of(a, b), root.resolve("report.html"));
    String html = Files.readString(report.file());
    assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(");
    // self-contained: nothing is fetched (namespace URIs in the SVG are identifiers, not requests)
    assertThat(html)
        .doesNotContainPattern("(src|href)=[\"']https?:")
        .doesNotContain("<link")
        .doesNotContain("@import")
        .doesNotContain("<script");
    assertThat(count(html, "<svg")).isEqualTo(expectedPlots());
    assertThat(html)
        .contains("SpaceA  n=19 | min 10.0 | mean 19.3")
        .contains("(19 and 19 models): shift +8.00 points");
    assertThat(report.summary()).anyMatch(l -> l.startsWith("SpaceA: 20 models (19 done)"));
    assertThat(root.resolve("models.csv")).exists();
    assertThat(Files.readAllLines(root.resolve("models.csv"))).hasSize(41);
    assertThat(root.resolve("sweeps.json")).exists();
    assertFigures(root, report.figures());
    // every point of a scatter says which model it is on hover: SpaceA_s0000 has error 10 + 0,
    // 5,000,000 flops and 100,000 params
    String flopsScatter = Files.readString(root.resolve("error-vs-flops-space-a.svg"));
    assertThat(flopsScatter)
        .contains("<title>SpaceA_s0000: error 10.00%, 5,000,000 flops, 100,000 params</title>");
    assertThat(count(flopsScatter, "<title>")).isEqualTo(19);
    // the EDFs as data: raw, and normalised over the range both share (5.0M .. 6.8M flops, every
    // model inside), each space's weights summing to 1
    JsonNode edfs = new ObjectMapper().readTree(root.resolve("edfs.json").toFile());
    assertThat(edfs.at("/normalisation/low").asDouble()).isEqualTo(5_000_000);
    assertThat(edfs.at("/normalisation/high").asDouble()).isEqualTo(6_800_000);
    for (JsonNode sweep : edfs.get("sweeps")) {
      assertThat(sweep.at("/raw/errors")).hasSize(19);
      double sum = 0;
      for (JsonNode m : sweep.at("/normalised/models")) {
        sum += m.get("weight").asDouble();
      }
      assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    }

    HeadlessChromium.Loaded browser = HeadlessChromium.load(report.file(), root);
    String dom = browser.dom();
    assertThat(count(dom, "<svg")).isEqualTo(expectedPlots());
    assertThat(dom).contains("&lt;script&gt;alert(").doesNotContain("<script>alert(");
    // the figures as the browser holds them: each space in its colour, flops ticked in plain
    // numbers
    assertThat(dom).contains(SPACE_A).contains(SPACE_B).contains(">5M<").doesNotContain("10^");
    assertThat(dom).contains("<title>SpaceA_s0000: error 10.00%");
    assertThat(browser.console()).isEmpty();
  }

  /**
   * A sweep trained with the proxy recipe where two models blew up, a proxy check of 6 models whose
   * longer errors keep the proxy's order, and a sweep trained with the paper's recipe: the report
   * flags the blow-ups by name, warns that the recipes differ, judges the proxy, and sets the
   * progression step against the paper's claim.
   */
  @Test
  void reportFlagsBlowUpsMixedRecipesAndShowsTheProxyCheck(@TempDir Path root) throws Exception {
    Path a = sweep(root, "SpaceA", "a", 10, 0, false);
    Path b = sweep(root, "SpaceB", "b", 10, 8, false);
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < 9; i++) {
      String id = String.format("SpaceA_s%04d", i);
      Path file = a.resolve("models").resolve(id).resolve("result.json");
      ObjectNode r = (ObjectNode) json.readTree(file.toFile());
      r.put("recipe", "proxy");
      r.putArray("curve");
      r.putObject("options").put("epochs", 2);
      r.putObject("lossTrace")
          .put("start", 2.30)
          .put("peak", i == 2 || i == 5 ? 8.4 : 2.35)
          .put("peakStep", 3);
      AtomicFiles.write(file, json.writeValueAsBytes(r));
      if (i < 6) {
        Map<String, Object> longer = new LinkedHashMap<>();
        longer.put("id", id);
        longer.put("status", "done");
        longer.put("error", r.get("error").asDouble() - 5);
        longer.put("options", Map.of("epochs", 8));
        AtomicFiles.write(
            a.resolve("proxy-check/models").resolve(id).resolve("result.json"),
            json.writeValueAsBytes(longer));
      }
    }
    for (int i = 0; i < 9; i++) {
      Path file =
          b.resolve("models").resolve(String.format("SpaceB_s%04d", i)).resolve("result.json");
      ObjectNode r = (ObjectNode) json.readTree(file.toFile());
      r.putArray("curve"); // no recipe recorded: trained before recipes existed, with the paper's
      AtomicFiles.write(file, json.writeValueAsBytes(r));
    }
    ReportBuilder.Report report =
        ReportBuilder.build(
            List.of(a, b),
            root.resolve("report.html"),
            List.of(new ProgressionStep("SpaceB", "SpaceA", Question.BETTER, "A is better")));
    String html = Files.readString(report.file());
    assertThat(report.summary().get(0))
        .startsWith(
            "SpaceB -> SpaceA: the paper finds A is better; measured (9 and 9 models): SpaceA is"
                + " better than SpaceB: agrees (shift -8.00 points [-12.00, -4.00], P(SpaceA beats"
                + " SpaceB) 0.98")
        .endsWith("; proxy SpaceB: not checked, SpaceA: trusted");
    assertThat(report.steps()).hasSize(1);
    assertThat(report.summary())
        .contains(
            "SpaceA: 2 of 10 models blew up early in training (loss above 2x its first step's):"
                + " SpaceA_s0002 (14.00%), SpaceA_s0005 (15.00%); a blown-up model's error may"
                + " reflect the training recipe more than its architecture");
    assertThat(report.summary())
        .anyMatch(
            l ->
                l.startsWith(
                    "The sweeps were trained with different recipes (SpaceA:"
                        + " proxy; SpaceB: paper)"));
    assertThat(html)
        .contains("SpaceA_s0002 (14.00%), SpaceA_s0005 (15.00%).")
        .contains("Can the proxy be trusted?")
        .contains("The proxy can be trusted to rank this space")
        .contains("1.00 [1.00, 1.00]")
        .contains("The paper's progression, step by step");
    assertThat(report.summary())
        .anyMatch(
            l ->
                l.startsWith("SpaceA: The proxy can be trusted")
                    && l.contains("6 models, 2-epoch proxy against 8 epochs"));
  }

  /** The palette's colours of the first and the second space, as the SVG writes them. */
  private static final String SPACE_A = "rgb(0,114,178)";

  private static final String SPACE_B = "rgb(213,94,0)";

  /**
   * Every figure is a file beside the report that parses as XML; a space's own figures use its
   * colour and not the other's, the shared ones both; numeric text (tick labels) is plain numbers.
   */
  private static void assertFigures(Path root, List<Path> figures) throws Exception {
    assertThat(figures).hasSize(expectedPlots());
    assertThat(figures.stream().map(f -> f.getFileName().toString()))
        .contains(
            "edf.svg",
            "edf-normalised.svg",
            "random-search-efficiency.svg",
            "error-vs-flops-space-a.svg",
            "error-vs-wm-space-a.svg",
            "error-vs-d1-space-b.svg",
            "error-vs-efit-space-b.svg")
        .doesNotHaveDuplicates();
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    for (Path svg : figures) {
      assertThat(svg.getParent()).isEqualTo(root.toAbsolutePath());
      Document doc = factory.newDocumentBuilder().parse(svg.toFile());
      assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
      String text = Files.readString(svg);
      String name = svg.getFileName().toString();
      if (name.endsWith("-space-a.svg")) {
        assertThat(text).as(name).contains(SPACE_A).doesNotContain(SPACE_B);
      } else if (name.endsWith("-space-b.svg")) {
        assertThat(text).as(name).contains(SPACE_B).doesNotContain(SPACE_A);
      } else {
        assertThat(text).as(name).contains(SPACE_A).contains(SPACE_B);
      }
      for (String label : texts(doc)) {
        if (label.matches("-?[0-9].*")) {
          assertThat(label).as(name).matches("-?[0-9]+(\\.[0-9]+)?[kMGT]?");
        }
      }
    }
    // flops of 5.0M to 6.9M: ticks at whole millions
    Document flops =
        factory.newDocumentBuilder().parse(root.resolve("error-vs-flops-space-a.svg").toFile());
    assertThat(texts(flops)).contains("5M", "6M");
  }

  private static List<String> texts(Document doc) {
    NodeList nodes = doc.getElementsByTagNameNS("*", "text");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add(nodes.item(i).getTextContent().trim());
    }
    return out;
  }

  /** 3 overall + per sweep: 4 complexity scatters, parameter scatters, complexity, widths. */
  private static int expectedPlots() {
    int regnet = 4 + 4 + 2; // flops/params/acts/time, depth/w0/wa/wm, complexity + profiles
    int anynet = 4 + 3 * 2 + 1 + 2; // ... + d1..d3, w1..w3, e_fit, complexity + profiles
    return 3 + regnet + anynet;
  }

  static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
