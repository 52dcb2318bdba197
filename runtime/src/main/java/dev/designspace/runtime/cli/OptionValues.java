package dev.designspace.runtime.cli;

import dev.designspace.command.BadInputException;
import dev.designspace.runtime.convtuning.FormulationChoice;
import dev.designspace.runtime.data.Batches;
import dev.designspace.runtime.export.ExportedEpoch;
import dev.designspace.runtime.report.ReportOptions;
import dev.designspace.runtime.sweep.WorkerMode;
import dev.designspace.runtime.train.Grappler;
import dev.designspace.runtime.train.Recipe;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters from option text to typed values, and the names picocli shows for them in {@code
 * ${COMPLETION-CANDIDATES}}. A value that does not convert is a usage error (exit 2) whose message
 * names the values that would.
 */
public final class OptionValues {
  private OptionValues() {}

  /**
   * An enum written on the command line by its own names (crop-flip rather than CROP_FLIP), both
   * converter and the candidates shown in help.
   */
  public abstract static class Names<E extends Enum<E>>
      implements ITypeConverter<E>, Iterable<String> {
    private final Function<String, E> parse;
    private final List<String> shown;

    protected Names(Function<String, E> parse, List<String> shown) {
      this.parse = parse;
      this.shown = List.copyOf(shown);
    }

    @Override
    public E convert(String value) {
      try {
        return parse.apply(value);
      } catch (IllegalArgumentException | BadInputException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }

    @Override
    public Iterator<String> iterator() {
      return shown.iterator();
    }
  }

  static final class Complexities extends Names<ReportOptions.Complexity> {
    Complexities() {
      super(
          value ->
              ReportOptions.Complexity.byName(value)
                  .orElseThrow(
                      () ->
                          new BadInputException(
                              "unknown complexity measure '"
                                  + value
                                  + "'; use flops, params or acts")),
          Arrays.stream(ReportOptions.Complexity.values())
              .map(ReportOptions.Complexity::externalName)
              .toList());
    }
  }

  /** A wall time as hours, minutes and seconds: 15m, 1h30m, 90s, 2h. */
  static final class Durations implements ITypeConverter<java.time.Duration> {
    private static final Pattern FORM = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    @Override
    public java.time.Duration convert(String value) {
      java.util.regex.Matcher m = FORM.matcher(value.trim());
      if (value.isBlank() || !m.matches()) {
        throw new TypeConversionException(
            "'" + value + "' is not a duration; write it as 15m, 1h30m, 90s or 2h");
      }
      long seconds = 0;
      seconds += m.group(1) == null ? 0 : 3600 * Long.parseLong(m.group(1));
      seconds += m.group(2) == null ? 0 : 60 * Long.parseLong(m.group(2));
      seconds += m.group(3) == null ? 0 : Long.parseLong(m.group(3));
      if (seconds <= 0) {
        throw new TypeConversionException("the duration must be positive, got '" + value + "'");
      }
      return java.time.Duration.ofSeconds(seconds);
    }
  }

  /** {@code best}, {@code final} or an epoch number. */
  static final class ExportedEpochs implements ITypeConverter<ExportedEpoch> {
    @Override
    public ExportedEpoch convert(String value) {
      try {
        return ExportedEpoch.parse(value);
      } catch (IllegalArgumentException | BadInputException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class Augmentations extends Names<Batches.Augmentation> {
    Augmentations() {
      super(
          Batches.Augmentation::parse,
          Arrays.stream(Batches.Augmentation.values())
              .map(Batches.Augmentation::externalName)
              .toList());
    }
  }

  static final class Recipes extends Names<Recipe> {
    Recipes() {
      super(Recipe::parse, Arrays.stream(Recipe.values()).map(Recipe::externalName).toList());
    }
  }

  public static final class FormulationChoices extends Names<FormulationChoice> {
    public FormulationChoices() {
      super(
          FormulationChoice::parse,
          Arrays.stream(FormulationChoice.values()).map(FormulationChoice::externalName).toList());
    }
  }

  static final class Grapplers extends Names<Grappler> {
    Grapplers() {
      super(Grappler::parse, Arrays.stream(Grappler.values()).map(Grappler::externalName).toList());
    }
  }

  static final class Launchers extends Names<Launcher> {
    Launchers() {
      super(Launcher::parse, Arrays.stream(Launcher.values()).map(Launcher::externalName).toList());
    }
  }

  static final class WorkerModes extends Names<WorkerMode> {
    WorkerModes() {
      super(
          WorkerMode::parse,
          Arrays.stream(WorkerMode.values()).map(WorkerMode::externalName).toList());
    }
  }

  /**
   * {@code cpu} or {@code gpu:N}, checked when the command line is read rather than when training
   * starts.
   */
  static final class Device implements ITypeConverter<String> {
    private static final Pattern FORM = Pattern.compile("cpu|gpu:\\d+");

    @Override
    public String convert(String value) {
      if (!FORM.matcher(value).matches()) {
        throw new TypeConversionException(
            "device must be cpu or gpu:N (N the index of a GPU, e.g. gpu:0), got '" + value + "'");
      }
      return value;
    }
  }
}
