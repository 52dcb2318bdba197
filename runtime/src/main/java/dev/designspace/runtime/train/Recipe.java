package dev.designspace.runtime.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a model starts and how fast it learns. The two recipes share the optimizer, the schedule's
 * shape (5% linear warmup from 0.1x, then half-period cosine), the weight decay and the data; they
 * differ where a short schedule makes the paper's recipe fragile (docs/recipes.md has the
 * measurements behind the choice).
 */
public enum Recipe {
  /**
   * For short proxies (the default): the last BN of every residual branch starts at gamma 0, so
   * each block starts as its shortcut and no early step can blow the weights up; the branches then
   * start silent, which the doubled learning rate (0.2 per 128 images) makes up for.
   */
  PROXY(0.2, true, 0),
  /** The paper's: BN gamma 1 everywhere and lr 0.1 per 128 images. */
  PAPER(0.1, false, 0);

  /** Warmup as a fraction of the epochs, in both recipes (5 of pycls's 100). */
  public static final double WARMUP_FRACTION = 0.05;

  private final double baseLr;
  private final boolean zeroInitFinalGamma;
  private final double gradientClipNorm;

  Recipe(double baseLr, boolean zeroInitFinalGamma, double gradientClipNorm) {
    this.baseLr = baseLr;
    this.zeroInitFinalGamma = zeroInitFinalGamma;
    this.gradientClipNorm = gradientClipNorm;
  }

  /** The global norm the gradients are clipped to before each step (0: not clipped). */
  public double gradientClipNorm() {
    return gradientClipNorm;
  }

  /** The learning rate per 128 images when none is given. */
  public double defaultBaseLr() {
    return baseLr;
  }

  /** Whether the last BN of each residual branch starts at gamma 0. */
  public boolean zeroInitFinalGamma() {
    return zeroInitFinalGamma;
  }

  /** The warmup length, in epochs, when none is given. */
  public double defaultWarmupEpochs(int epochs) {
    return WARMUP_FRACTION * epochs;
  }

  @JsonValue
  public String specName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Recipe parse(String name) {
    for (Recipe r : values()) {
      if (r.specName().equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("recipe must be proxy or paper, got '" + name + "'");
  }
}
