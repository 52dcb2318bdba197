package dev.designspace.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.designspace.runtime.analysis.LossBlowUp;
import dev.designspace.runtime.analysis.ProxyValidity;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunStatus;
import dev.designspace.runtime.sweep.ProxyCheck;
import dev.designspace.runtime.sweep.Reruns;
import dev.designspace.runtime.sweep.SweepContents;
import dev.designspace.runtime.sweep.SweepDirectory;
import dev.designspace.runtime.sweep.SweepModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.ToDoubleFunction;

/**
 * One sweep as the report sees it: its finished models, spec, space name, what it was trained with,
 * and the label the report calls it by ({@link SweepLabels}; its name until labelled).
 */
record SweepData(
    String name,
    String label,
    SweepSettings settings,
    Path directory,
    String specYaml,
    String description,
    List<ModelResult> all,
    List<ModelResult> done,
    Optional<ProxyValidity> proxyValidity,
    Map<String, Path> sources,
    List<Reruns.Pair> reruns) {

  SweepData {
    all = List.copyOf(all);
    done = List.copyOf(done);
    sources = Map.copyOf(sources);
    reruns = List.copyOf(reruns);
  }

  static SweepData load(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new ReportException(dir + " is not a sweep directory");
    }
    SweepContents sweep = SweepContents.read(dir);
    if (sweep.results().isEmpty()) {
      throw new ReportException(dir + " has no finished models yet (no models/*/result.json)");
    }
    Optional<SweepDirectory> files = sweep.directoryFiles();
    return new SweepData(
        sweep.name(),
        sweep.name(),
        SweepSettings.of(
            sweep.results(),
            files.map(d -> OptionalLong.of(d.seed())).orElse(OptionalLong.empty())),
        dir,
        sweep.specYaml(),
        sweep.description(),
        sweep.results(),
        sweep.done(),
        ProxyCheck.evaluate(dir),
        files.map(SweepData::sources).orElse(Map.of()),
        Reruns.read(dir));
  }

  /** This sweep called {@code label} in the report. */
  SweepData withLabel(String label) {
    return with(all, label, proxyValidity, reruns);
  }

  /** This sweep with only {@code results} of its models, called {@code label}. */
  SweepData subset(List<ModelResult> results, String label) {
    return with(results, label, proxyValidity, reruns);
  }

  /**
   * A group of this sweep's models, called {@code label}: the proxy check and the reruns stay with
   * the whole sweep.
   */
  SweepData group(List<ModelResult> results, String label) {
    return with(results, label, Optional.empty(), List.of());
  }

  private SweepData with(
      List<ModelResult> results,
      String label,
      Optional<ProxyValidity> proxy,
      List<Reruns.Pair> pairs) {
    return new SweepData(
        name,
        label,
        settings,
        directory,
        specYaml,
        description,
        results,
        results.stream().filter(r -> r.status() == RunStatus.DONE).toList(),
        proxy,
        sources,
        pairs);
  }

  /** Each model's generated source as the sweep's manifest names it. */
  private static Map<String, Path> sources(SweepDirectory sweep) {
    Map<String, Path> sources = new HashMap<>();
    for (SweepModel m : sweep.models()) {
      sources.put(m.id(), sweep.source(m));
    }
    return sources;
  }

  double[] errors() {
    return metric(ModelResult::error);
  }

  /** A value of every finished model. */
  double[] metric(ToDoubleFunction<ModelResult> value) {
    return done.stream().mapToDouble(value).toArray();
  }

  /** A value from the model's config, or from its sampled parameters for RegNet ones. */
  double[] config(String field) {
    return metric(r -> r.configValue(field));
  }

  /** The model's structure as written; missing (every lookup empty) when the result has none. */
  static JsonNode config(ModelResult r) {
    return r.config() == null ? MissingNode.getInstance() : r.config();
  }

  /**
   * The recipes this sweep's trained runs were trained with (runs from before recipes read as the
   * paper's), sorted.
   */
  List<String> recipes() {
    return all.stream()
        .filter(ModelResult::trained)
        .map(ModelResult::recipe)
        .distinct()
        .sorted()
        .toList();
  }

  /**
   * The models whose training loss blew up, by the rule of {@link LossBlowUp}, each with its error.
   */
  List<String> blownUp() {
    return all.stream()
        .filter(r -> r.lossTrace() != null)
        .filter(r -> LossBlowUp.blewUp(r.lossTrace().start(), r.lossTrace().peak()))
        .map(r -> String.format(Locale.ROOT, "%s (%.2f%%)", r.id(), r.error()))
        .toList();
  }

  boolean regNet() {
    return !done.isEmpty() && config(done.get(0)).has("w0");
  }
}
