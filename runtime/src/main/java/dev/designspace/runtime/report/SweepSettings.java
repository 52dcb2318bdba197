package dev.designspace.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.TrainOptionField;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a sweep was trained with, as a reader compares sweeps: each training option its models
 * recorded, by the name the command line gives it ({@code lr}, {@code weight decay}), then the
 * dataset and the sampling seed. Options that say only where or how a run computed (threads,
 * device, graph optimiser, convolution formulation, evaluation batch) are left out. A setting whose
 * models disagree shows every value, joined by '/'.
 *
 * @param values setting name to value as shown, in a fixed order
 */
record SweepSettings(Map<String, String> values) {
  static final String DATASET = "dataset";
  static final String SAMPLING_SEED = "seed";

  SweepSettings {
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The settings of a sweep's trained models, and the seed its models were sampled with. */
  static SweepSettings of(List<ModelResult> results, OptionalLong samplingSeed) {
    Map<String, Set<String>> seen = new LinkedHashMap<>();
    Arrays.stream(TrainOptionField.values())
        .filter(TrainOptionField::changesTraining)
        .forEach(f -> seen.put(f.label(), new LinkedHashSet<>()));
    for (ModelResult r : results) {
      if (r.options() == null) {
        continue;
      }
      TrainOptionField.current(r.options())
          .fields()
          .forEachRemaining(
              f -> {
                Optional<TrainOptionField> field = TrainOptionField.byKey(f.getKey());
                if (field.map(TrainOptionField::changesTraining).orElse(true)) {
                  seen.computeIfAbsent(
                          field.map(TrainOptionField::label).orElse(f.getKey()),
                          k -> new LinkedHashSet<>())
                      .add(shown(f.getKey(), f.getValue()));
                }
              });
    }
    // runs from before recipes were recorded were trained with the paper's, as their results read
    results.stream()
        .filter(ModelResult::trained)
        .forEach(r -> seen.get(TrainOptionField.RECIPE.label()).add(r.recipe()));
    Set<String> datasets = new LinkedHashSet<>();
    results.stream().map(ModelResult::dataset).filter(d -> d != null).forEach(datasets::add);
    seen.put(DATASET, datasets);
    Map<String, String> values = new LinkedHashMap<>();
    seen.forEach(
        (name, shown) -> {
          if (!shown.isEmpty()) {
            values.put(name, String.join("/", shown));
          }
        });
    samplingSeed.ifPresent(seed -> values.put(SAMPLING_SEED, String.valueOf(seed)));
    return new SweepSettings(values);
  }

  /** A value as a reader writes it: 0.1 not 0.1000, crop-flip not CROP_FLIP. */
  private static String shown(String field, JsonNode value) {
    if (field.equals("warmupEpochs") && value.isNumber() && value.asDouble() < 0) {
      return "recipe's";
    }
    if ((field.equals("trainLimit") || field.equals("testLimit")) && value.asLong() == 0) {
      return "all";
    }
    if (value.isIntegralNumber()) {
      return value.asText();
    }
    if (value.isNumber()) {
      return BigDecimal.valueOf(value.asDouble()).stripTrailingZeros().toPlainString();
    }
    return value.asText().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The setting as a number, when it is one value and numeric. */
  OptionalDouble number(String name) {
    String v = values.get(name);
    if (v == null) {
      return OptionalDouble.empty();
    }
    try {
      return OptionalDouble.of(Double.parseDouble(v));
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }

  /**
   * The settings with more than one value among {@code sweeps}, in the order shown. A sweep that
   * does not know a setting (no trained model, or a result from before it was recorded) does not
   * make it differ.
   */
  static List<String> differing(List<SweepSettings> sweeps) {
    Set<String> names = new LinkedHashSet<>();
    sweeps.forEach(s -> names.addAll(s.values().keySet()));
    List<String> differing = new ArrayList<>();
    for (String name : names) {
      if (sweeps.stream().map(s -> s.values().get(name)).filter(v -> v != null).distinct().count()
          > 1) {
        differing.add(name);
      }
    }
    return differing;
  }

  /**
   * Whether a trend along {@code name} means something: a setting on a scale (epochs, learning
   * rate, weight decay, ...), not an identifier such as a seed.
   */
  static boolean continuous(String name) {
    return CONTINUOUS.contains(name);
  }

  private static final Set<String> CONTINUOUS =
      Set.of(
          "epochs",
          "lr",
          "batch size",
          "weight decay",
          "momentum",
          "label smoothing",
          "warmup epochs",
          "warmup factor",
          "train limit",
          "test limit");
}
