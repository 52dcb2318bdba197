package dev.designspace.runtime.refine;

import dev.designspace.command.BadInputException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One refinement.
 *
 * @param sweep a sweep directory ({@code manifest.json}, {@code spec.yaml}, {@code models/})
 * @param out the refined spec's file; null for {@link #DEFAULT_FILE} in the sweep directory
 * @param alpha the family-wise significance level, shared by all candidate restrictions
 *     (Bonferroni)
 */
public record RefineRequest(Path sweep, Path out, double alpha) {
  /** The refined spec's file name when no {@code out} is given, inside the sweep directory. */
  public static final String DEFAULT_FILE = "refined.yaml";

  public static final double DEFAULT_ALPHA = 0.05;

  public RefineRequest {
    Objects.requireNonNull(sweep, "sweep");
    if (!(alpha > 0 && alpha < 1)) {
      throw new BadInputException("alpha must be in (0, 1), got " + alpha);
    }
    out = out == null ? sweep.resolve(DEFAULT_FILE) : out;
  }

  public RefineRequest(Path sweep, Path out) {
    this(sweep, out, DEFAULT_ALPHA);
  }
}
