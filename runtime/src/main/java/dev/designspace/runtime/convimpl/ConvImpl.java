package dev.designspace.runtime.convimpl;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.designspace.runtime.nn.ConvChooser;
import dev.designspace.runtime.nn.ConvFormulation;
import java.util.Locale;

/**
 * How the grouped convolutions of a training graph are formulated: one formulation for every layer,
 * or {@code auto}, the fastest measured per layer shape. The variables, and so checkpoints and
 * exported models, are the same whichever is used.
 */
public enum ConvImpl {
  /** Per distinct layer shape the fastest formulation, timed once on this machine and cached. */
  AUTO(null),
  GROUPED(ConvFormulation.GROUPED),
  DEPTHWISE(ConvFormulation.DEPTHWISE),
  SPLIT(ConvFormulation.SPLIT),
  BLOCKDIAG(ConvFormulation.BLOCKDIAG);

  private final ConvFormulation formulation;

  ConvImpl(ConvFormulation formulation) {
    this.formulation = formulation;
  }

  @JsonValue
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static ConvImpl parse(String name) {
    for (ConvImpl c : values()) {
      if (c.cliName().equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
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
