package dev.designspace.runtime.runfiles;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.designspace.model.ModelInfoJson;
import java.util.List;
import java.util.Objects;

/**
 * A model's {@code result.json}: how its run ended (docs/run-files.md has every field). A failed
 * run has only {@code id}, {@code status}, {@code error} (100), {@code message} and the complexity
 * ({@code config} when the model could be built); the fields of a training are null then, and
 * absent from the file. Unknown fields are ignored on read.
 *
 * @param error best test top-1 error over the epochs, in percent: the EDF's value (100 when no
 *     epoch finished)
 * @param finalError error after the last epoch (null for a failed run)
 * @param curve one entry per finished epoch (null for a failed run)
 * @param config the model's structure, kept as written (null when unknown)
 * @param recipe {@code proxy} or {@code paper}; a trained run written before recipes existed reads
 *     as {@link #RECIPE_BEFORE_RECIPES}
 * @param lossTrace null for runs written before recipes existed, and failed ones
 * @param options every training option, kept as written (null for a failed run)
 * @param message why a run diverged or failed; null when it is done
 * @param inference the trained model's forward-pass time; null for failed runs and runs from before
 *     it was measured
 * @param cause why a failed run failed ({@link FailureCause}); null for a run that trained. A
 *     failed result without one (written before causes were recorded) reads as {@code model}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelResult(
    String id,
    RunStatus status,
    double error,
    Double finalError,
    Integer bestEpoch,
    Integer epochs,
    List<EpochStats> curve,
    Double trainSeconds,
    Double imagesPerSecond,
    long flops,
    long params,
    long acts,
    JsonNode config,
    String dataset,
    String recipe,
    LossTrace lossTrace,
    JsonNode options,
    String message,
    FailureCause cause,
    InferenceTime inference) {
  /** What runs recorded before recipes existed were trained with: the paper's recipe. */
  public static final String RECIPE_BEFORE_RECIPES = "paper";

  /** The error of a run without a finished epoch, and of a failed one. */
  public static final double NO_ERROR = 100.0;

  public ModelResult {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a result needs the model's id");
    }
    Objects.requireNonNull(status, "status");
    if (status == RunStatus.FAILED) {
      // a failure written by hand or by an older launcher may lack these; it is still a failure
      // (what this version writes always has both: see failure)
      if (message == null || message.isBlank()) {
        message = "no reason recorded";
      }
      if (error == 0) {
        error = NO_ERROR;
      }
      if (cause == null) {
        cause = FailureCause.MODEL;
      }
    } else if (cause != null) {
      throw new IllegalArgumentException(
          id + " is " + status + ": only a failed result has a failure cause");
    }
    curve = curve == null ? null : List.copyOf(curve);
    config = withSampledValues(config);
    options = options == null ? null : TrainOptionField.current(options);
    if (recipe == null && curve != null) {
      recipe = RECIPE_BEFORE_RECIPES;
    }
  }

  /**
   * {@code config} with its {@code sampled} values as JSON values; results written before they were
   * recorded the drawn values as text ({@code "[4, 4, 3]"}, {@code "2.478"}).
   */
  private static JsonNode withSampledValues(JsonNode config) {
    if (!(config instanceof ObjectNode object)) {
      return config;
    }
    JsonNode sampled = object.path("sampled");
    boolean asText = false;
    for (JsonNode v : sampled) {
      asText |= v.isTextual();
    }
    if (!sampled.isObject() || !asText) {
      return config;
    }
    ObjectNode copy = object.deepCopy();
    ObjectNode values = copy.putObject("sampled");
    sampled
        .fields()
        .forEachRemaining(
            f ->
                values.set(
                    f.getKey(),
                    f.getValue().isTextual()
                        ? VALUES.valueToTree(ModelInfoJson.jsonValue(f.getValue().asText()))
                        : f.getValue()));
    return copy;
  }

  private static final ObjectMapper VALUES = new ObjectMapper();

  /** A run that failed for the model's own reason: {@link #failure} with the model as cause. */
  public static ModelResult failure(
      String id, String message, long flops, long params, long acts, JsonNode config) {
    return failure(id, FailureCause.MODEL, message, flops, params, acts, config);
  }

  /** A run that ended without training: the shape every launcher writes for a failure. */
  public static ModelResult failure(
      String id,
      FailureCause cause,
      String message,
      long flops,
      long params,
      long acts,
      JsonNode config) {
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException(
          "the failed result of " + id + " needs a message saying why");
    }
    return new ModelResult(
        id,
        RunStatus.FAILED,
        NO_ERROR,
        null,
        null,
        null,
        null,
        null,
        null,
        flops,
        params,
        acts,
        config,
        null,
        null,
        null,
        null,
        message,
        cause,
        null);
  }

  /**
   * Whether this result is final for a rerun of its sweep: done, diverged, or failed for the
   * model's own reason; a model lost to its environment or interrupted is trained again.
   */
  public boolean finalForResume() {
    return status != RunStatus.FAILED || !cause.retriedOnResume();
  }

  /** Whether the run trained (done or diverged): only those have a curve, a recipe and options. */
  public boolean trained() {
    return curve != null;
  }

  /**
   * The epoch {@code error} is from and the last epoch's error when the best epoch was not the last
   * one trained ({@code epoch 2 of 3, last 3.33%}), else empty: a reader would take the error for
   * the final model's, which {@code export --epoch final} writes.
   */
  public String earlierEpoch() {
    if (bestEpoch == null
        || epochs == null
        || finalError == null
        || bestEpoch < 1 // no epoch below 100%
        || bestEpoch >= epochs) {
      return "";
    }
    return String.format(
        java.util.Locale.ROOT, "epoch %d of %d, last %.2f%%", bestEpoch, epochs, finalError);
  }

  /**
   * The epochs the run was scheduled for ({@code options.epochs}), or {@code fallback} when
   * unknown.
   */
  public int scheduledEpochs(int fallback) {
    return options == null ? fallback : options.path("epochs").asInt(fallback);
  }

  /** A value of {@code config} (a sampled parameter of a RegNet, e.g. {@code w0}), or NaN. */
  public double configValue(String field) {
    return config == null ? Double.NaN : config.path(field).asDouble(Double.NaN);
  }
}
