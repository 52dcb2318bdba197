package dev.designspace.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.designspace.runtime.analysis.LossBlowUp;
import dev.designspace.runtime.analysis.ProxyValidity;
import dev.designspace.runtime.sweep.ProxyCheck;
import dev.designspace.runtime.sweep.SweepCollector;
import dev.designspace.runtime.sweep.SweepResult;
import dev.designspace.runtime.train.Recipe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One sweep as the report sees it: its finished models, spec and name. */
record SweepData(String name, Path directory, String specYaml, String description, List<JsonNode> all,
    List<JsonNode> done, Optional<ProxyValidity> proxyValidity) {


  static SweepData load(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new ReportException(dir + " is not a sweep directory");
    }
    SweepResult result = SweepCollector.collect(dir, false);
    String spec = Files.isRegularFile(dir.resolve("spec.yaml"))
        ? Files.readString(dir.resolve("spec.yaml"), StandardCharsets.UTF_8) : "";
    JsonNode tree = spec.isEmpty() ? null
        : new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(spec);
    String name = tree != null && tree.hasNonNull("name") ? tree.get("name").asText() : dir.getFileName().toString();
    String description = tree != null && tree.hasNonNull("description") ? tree.get("description").asText() : "";
    List<JsonNode> done = new ArrayList<>();
    for (JsonNode r : result.results()) {
      if (r.path("status").asText().equals("done")) {
        done.add(r);
      }
    }
    if (result.results().isEmpty()) {
      throw new ReportException(dir + " has no finished models yet (no models/*/result.json)");
    }
    return new SweepData(name, dir, spec, description, result.results(), done, ProxyCheck.evaluate(dir));
  }

  double[] errors() {
    return done.stream().mapToDouble(r -> r.path("error").asDouble()).toArray();
  }

  double[] metric(String field) {
    return done.stream().mapToDouble(r -> r.path(field).asDouble()).toArray();
  }

  /** A value from the model's config, or from its sampled parameters for RegNet ones. */
  double[] config(String field) {
    return done.stream().mapToDouble(r -> r.path("config").path(field).asDouble(Double.NaN)).toArray();
  }

  /** The recipes this sweep's finished runs were trained with, sorted. */
  List<String> recipes() {
    return all.stream().filter(r -> r.has("curve"))
        .map(r -> r.path("recipe").asText(Recipe.BEFORE_RECIPES.specName()))
        .distinct().sorted().toList();
  }

  /** The models whose training loss blew up, by the rule of {@link LossBlowUp}, each with its error. */
  List<String> blownUp() {
    return all.stream().filter(r -> r.has("lossTrace"))
        .filter(r -> LossBlowUp.blewUp(r.path("lossTrace").path("start").asDouble(Double.NaN),
            r.path("lossTrace").path("peak").asDouble(Double.NaN)))
        .map(r -> String.format(Locale.ROOT, "%s (%.2f%%)", r.path("id").asText(), r.path("error").asDouble())).toList();
  }

  boolean regNet() {
    return !done.isEmpty() && done.get(0).path("config").has("w0");
  }
}
