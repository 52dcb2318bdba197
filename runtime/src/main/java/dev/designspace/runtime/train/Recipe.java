package dev.designspace.runtime.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.designspace.command.BadInputException;
import dev.designspace.runtime.runfiles.ModelResult;
import java.util.Locale;

/**
 * How a model is trained where a short schedule makes the paper's recipe fragile. Both recipes
 * share the optimizer, the learning rate, the schedule's shape (linear warmup from 0.1x, then
 * half-period cosine), the weight decay, the initialisation and the data (docs/recipes.md has the
 * measurements behind the choice).
 */
public enum Recipe {
  /**
   * For short proxies (the default): the paper's, with the gradients clipped to a global norm of 5
   * and a warmup of at least half an epoch. A model whose first steps would throw its weights far
   * off (the loss climbing from ln(classes) to several times that) takes shortened steps instead,
   * and the slower warmup gives it room to settle; healthy models are hardly touched.
   */
  PROXY(5.0, 0.5),
  /** The paper's: no clipping, warmup over 5% of the epochs (5 of 100). */
  PAPER(0, 0);

  /** What runs recorded before recipes existed were trained with. */
  public static final Recipe BEFORE_RECIPES = parse(ModelResult.RECIPE_BEFORE_RECIPES);

  /** Warmup as a fraction of the epochs, as in the paper (5 of 100). */
  public static final double WARMUP_FRACTION = 0.05;

  private final double gradientClipNorm;
  private final double minWarmupEpochs;

  Recipe(double gradientClipNorm, double minWarmupEpochs) {
    this.gradientClipNorm = gradientClipNorm;
    this.minWarmupEpochs = minWarmupEpochs;
  }

  /** The global norm the gradients are clipped to before each step (0: not clipped). */
  public double gradientClipNorm() {
    return gradientClipNorm;
  }

  /**
   * The warmup length, in epochs, when none is given: 5% of the epochs, and at least the recipe's
   * minimum.
   */
  public double defaultWarmupEpochs(int epochs) {
    return Math.max(WARMUP_FRACTION * epochs, minWarmupEpochs);
  }

  @JsonValue
  public String externalName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Recipe parse(String name) {
    for (Recipe r : values()) {
      if (r.externalName().equals(name)) {
        return r;
      }
    }
    throw new BadInputException("recipe must be proxy or paper, got '" + name + "'");
  }
}
