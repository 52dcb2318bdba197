package dev.designspace.generator.fit;

import dev.designspace.generator.network.RegNetQuantizer;
import dev.designspace.model.RegNetParams;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Fits (w0, wa, wm) to per-block widths: a grid search over w0 (multiples of 8 around the first
 * width), wa (geometric) and wm, then a pattern search with shrinking steps around the best grid
 * points. The objective is piecewise constant, hence the search rather than gradients.
 */
public final class RegNetFit {
  static final double WM_MIN = 1.05;
  static final double WM_MAX = 4.0;
  static final double WM_STEP = 0.02;
  static final int WA_STEPS = 160;
  static final int REFINED = 12;
  static final int LOCAL_STEPS = 40;

  private RegNetFit() {}

  public static RegNetFitResult fit(List<Integer> blockWidths) {
    int d = blockWidths.size();
    if (d == 0) {
      throw new IllegalArgumentException("need at least one block width");
    }
    double[] logObserved = new double[d];
    int maxWidth = 0;
    for (int j = 0; j < d; j++) {
      int w = blockWidths.get(j);
      if (w < 1) {
        throw new IllegalArgumentException("block widths must be >= 1, got " + w);
      }
      logObserved[j] = Math.log(w);
      maxWidth = Math.max(maxWidth, w);
    }
    Objective objective = new Objective(d, logObserved);

    int first = blockWidths.get(0);
    int w0Low = Math.max(RegNetParams.QUANTUM, roundTo8(first / 2.0));
    int w0High = Math.max(w0Low, roundTo8(first * 2.0));
    double waMax = Math.max(1.0, 2.0 * maxWidth);

    // keep the best few grid points for refinement
    PriorityQueue<Candidate> best =
        new PriorityQueue<>(Comparator.comparingDouble(Candidate::error).reversed());
    double[] logU = new double[d];
    for (int w0 = w0Low; w0 <= w0High; w0 += RegNetParams.QUANTUM) {
      for (int a = 0; a <= WA_STEPS; a++) {
        double wa = a == 0 ? 0 : 0.25 * Math.pow(waMax / 0.25, (a - 1) / (double) (WA_STEPS - 1));
        for (int j = 0; j < d; j++) {
          logU[j] = StrictMath.log((j * wa + w0) / w0);
        }
        for (double wm = WM_MIN; wm <= WM_MAX + 1e-9; wm += WM_STEP) {
          double e = objective.errorFromLogs(w0, wm, logU);
          if (best.size() < REFINED || e < best.peek().error()) {
            best.add(new Candidate(w0, wa, wm, e));
            if (best.size() > REFINED) {
              best.poll();
            }
          }
        }
      }
    }
    Candidate winner = null;
    List<Candidate> starts = new ArrayList<>(best);
    starts.sort(Comparator.comparingDouble(Candidate::error));
    for (Candidate c : starts) {
      if (winner != null && winner.error() == 0) {
        break;
      }
      Candidate refined = refine(objective, localGrid(objective, c));
      if (winner == null || refined.error() < winner.error()) {
        winner = refined;
      }
    }
    int[] fitted = new int[d];
    objective.widths(winner.w0(), winner.wa(), winner.wm(), fitted);
    List<Integer> fittedList = new ArrayList<>(d);
    for (int w : fitted) {
      fittedList.add(w);
    }
    return new RegNetFitResult(
        d, winner.w0(), winner.wa(), winner.wm(), winner.error(), fittedList);
  }

  /**
   * A fine grid around a coarse point: the quantised widths change only where a block crosses a
   * rounding boundary, and plateaus are often narrower than the coarse steps.
   */
  private static Candidate localGrid(Objective objective, Candidate c) {
    Candidate best = c;
    for (int dw0 = -RegNetParams.QUANTUM;
        dw0 <= RegNetParams.QUANTUM;
        dw0 += RegNetParams.QUANTUM) {
      int w0 = c.w0() + dw0;
      if (w0 < RegNetParams.QUANTUM) {
        continue;
      }
      for (int a = -LOCAL_STEPS; a <= LOCAL_STEPS; a++) {
        double wa = c.wa() * (1 + 0.15 * a / LOCAL_STEPS);
        for (int m = -LOCAL_STEPS; m <= LOCAL_STEPS; m++) {
          double wm = c.wm() + 0.03 * m / LOCAL_STEPS;
          if (wm <= 1.0) {
            continue;
          }
          double e = objective.error(w0, wa, wm);
          if (e < best.error() - 1e-12) {
            best = new Candidate(w0, wa, wm, e);
            if (e == 0) {
              return best;
            }
          }
        }
      }
    }
    return best;
  }

  /** Pattern search: try steps in wa, wm and w0 (by 8), keep improvements, halve on failure. */
  private static Candidate refine(Objective objective, Candidate start) {
    Candidate current = start;
    double waStep = Math.max(0.5, start.wa() * 0.1);
    double wmStep = WM_STEP;
    while (waStep > 1e-3 || wmStep > 1e-4) {
      boolean improved = false;
      double[][] moves = {
        {0, waStep, 0},
        {0, -waStep, 0},
        {0, 0, wmStep},
        {0, 0, -wmStep},
        {RegNetParams.QUANTUM, 0, 0},
        {-RegNetParams.QUANTUM, 0, 0},
        {0, waStep, -wmStep},
        {0, -waStep, wmStep}
      };
      for (double[] m : moves) {
        double w0 = current.w0() + m[0];
        double wa = current.wa() + m[1];
        double wm = current.wm() + m[2];
        if (w0 < RegNetParams.QUANTUM || wa < 0 || wm <= 1.0) {
          continue;
        }
        double e = objective.error(w0, wa, wm);
        if (e < current.error() - 1e-12) {
          current = new Candidate((int) w0, wa, wm, e);
          improved = true;
        }
      }
      if (current.error() == 0) {
        break;
      }
      if (!improved) {
        waStep /= 2;
        wmStep /= 2;
      }
    }
    return current;
  }

  private static int roundTo8(double x) {
    return (int) Math.rint(x / RegNetParams.QUANTUM) * RegNetParams.QUANTUM;
  }

  private record Candidate(int w0, double wa, double wm, double error) {}

  /** e_fit = mean_j |log(fitted_j / observed_j)|. */
  private static final class Objective {
    private final int d;
    private final double[] logObserved;
    private final int[] scratch;

    Objective(int d, double[] logObserved) {
      this.d = d;
      this.logObserved = logObserved;
      this.scratch = new int[d];
    }

    double error(double w0, double wa, double wm) {
      widths(w0, wa, wm, scratch);
      double sum = 0;
      for (int j = 0; j < d; j++) {
        sum += Math.abs(Math.log(scratch[j]) - logObserved[j]);
      }
      return sum / d;
    }

    void widths(double w0, double wa, double wm, int[] out) {
      RegNetQuantizer.quantizeInto(d, w0, wa, wm, out, null);
    }

    /** Same as {@link #error} with log(u_j / w0) precomputed for a (w0, wa) pair. */
    double errorFromLogs(double w0, double wm, double[] logU) {
      double logWm = StrictMath.log(wm);
      double sum = 0;
      int cachedK = -1;
      double cachedLog = 0;
      for (int j = 0; j < d; j++) {
        int k = (int) Math.rint(logU[j] / logWm);
        if (k != cachedK) {
          int width =
              (int) Math.rint(w0 * StrictMath.pow(wm, k) / RegNetParams.QUANTUM)
                  * RegNetParams.QUANTUM;
          cachedLog = width > 0 ? Math.log(width) : Double.NEGATIVE_INFINITY;
          cachedK = k;
        }
        sum += Math.abs(cachedLog - logObserved[j]);
      }
      return sum / d;
    }
  }
}
