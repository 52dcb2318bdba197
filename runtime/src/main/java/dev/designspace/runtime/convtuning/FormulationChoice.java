package dev.designspace.runtime.convtuning;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.designspace.command.BadInputException;
import dev.designspace.layers.ConvChooser;
import dev.designspace.layers.ConvFormulation;
import java.util.Locale;

/**
 * How the grouped convolutions of a training graph are formulated: one formulation for every layer,
 * or {@code auto}, the fastest measured per layer shape. The variables, and so checkpoints and
 * exported models, are the same whichever is used.
 */
public enum FormulationChoice {
  /** Per distinct layer shape the fastest formulation, timed once on this machine and cached. */
  AUTO(null),
  GROUPED(ConvFormulation.GROUPED),
  DEPTHWISE(ConvFormulation.DEPTHWISE),
  SPLIT(ConvFormulation.SPLIT),
  BLOCKDIAG(ConvFormulation.BLOCKDIAG);

  private final ConvFormulation formulation;

  FormulationChoice(ConvFormulation formulation) {
    this.formulation = formulation;
  }

  @JsonValue
  public String externalName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static FormulationChoice parse(String name) {
    for (FormulationChoice c : values()) {
      if (c.externalName().equals(name)) {
        return c;
      }
    }
    throw new BadInputException(
        "unknown convolution implementation '"
            + name
            + "': expected auto, grouped, depthwise, split or blockdiag");
  }

  /**
   * The chooser a training graph of {@code batch} images per step on {@code threads} intra-op
   * threads (0: every core) builds with; {@code auto} tunes into the standard cache file.
   */
  public ConvChooser chooser(int batch, int threads) {
    return formulation == null
        ? ConvTuner.standard(batch, threads)
        : ConvChooser.always(formulation);
  }
}
