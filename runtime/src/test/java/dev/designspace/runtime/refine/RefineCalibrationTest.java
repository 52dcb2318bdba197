package dev.designspace.runtime.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * How often refinement proposes something when errors depend on nothing. The Bonferroni correction
 * over a sweep's candidates keeps that chance at most alpha (5%), so the number of synthetic sweeps
 * with a proposal must be one a rate of 5% explains: no more than a one-sided binomial test at 1%
 * allows (11 of 100 sweeps, 18 of 200). Every build checks 100 sweeps of 30 models per family
 * (seconds); the experiment whose figures docs/sweeps.md quotes, 200 sweeps per size (30, 60 and
 * 120 models) and family, takes minutes of CPU, so it runs only on request: {@code mvn -pl runtime
 * -am -Ddesignspace.calibration=true -Dtest=RefineCalibrationTest
 * -Dsurefire.failIfNoSpecifiedTests=false test}.
 */
class RefineCalibrationTest {
  /** The family-wise level refine's Bonferroni correction holds: its default {@code --alpha}. */
  private static final double ALPHA = 0.05;

  /** The level of the binomial test that a count of sweeps with a proposal fits a rate of ALPHA. */
  private static final double LEVEL = 0.01;

  @TempDir Path tmp;

  @Test
  void independentErrorsRarelyProposeAnythingInSmallSweeps() throws IOException {
    calibrate(new int[] {30}, 100);
  }

  @Test
  @EnabledIfSystemProperty(named = "designspace.calibration", matches = "true")
  void independentErrorsRarelyProposeAnything() throws IOException {
    calibrate(new int[] {30, 60, 120}, 200);
  }

  @Test
  void theAllowedCountsAreTheOnesDocumented() {
    assertThat(allowed(100)).isEqualTo(11);
    assertThat(allowed(200)).isEqualTo(18);
  }

  /**
   * {@code trials} synthetic RegNet and AnyNet sweeps of each size with errors that depend on
   * nothing; fails when more of them get a proposal than a rate of ALPHA explains.
   */
  private void calibrate(int[] sizes, int trials) throws IOException {
    int allowed = allowed(trials);
    for (int n : sizes) {
      int regNet = 0;
      int anyNet = 0;
      Map<String, Integer> proposed = new TreeMap<>();
      for (int t = 0; t < trials; t++) {
        Random noise = new Random(1000 + t);
        Path a =
            SyntheticSweep.regNet(tmp.resolve("r" + n + "-" + t), n, t, v -> noise.nextDouble());
        RefineResult r = SpaceRefiner.refine(new RefineRequest(a, null));
        regNet += r.proposals().isEmpty() ? 0 : 1;
        r.proposals().forEach(c -> proposed.merge(c.label(), 1, Integer::sum));
        Path b =
            SyntheticSweep.anyNet(tmp.resolve("a" + n + "-" + t), n, t, v -> noise.nextDouble());
        RefineResult s = SpaceRefiner.refine(new RefineRequest(b, null));
        anyNet += s.proposals().isEmpty() ? 0 : 1;
        s.proposals().forEach(c -> proposed.merge(c.label(), 1, Integer::sum));
      }
      System.out.printf(
          "n=%d: RegNet %d/%d, AnyNet %d/%d sweeps with a proposal (at most %d allowed); %s%n",
          n, regNet, trials, anyNet, trials, allowed, proposed);
      assertThat(regNet)
          .as("RegNet sweeps of %d models with a proposal", n)
          .isLessThanOrEqualTo(allowed);
      assertThat(anyNet)
          .as("AnyNet sweeps of %d models with a proposal", n)
          .isLessThanOrEqualTo(allowed);
    }
  }

  /**
   * The most sweeps out of {@code trials} with a proposal that a rate of ALPHA explains: the
   * smallest count that more sweeps than it would have a chance below LEVEL.
   */
  private static int allowed(int trials) {
    BinomialDistribution chance = new BinomialDistribution(trials, ALPHA);
    int count = 0;
    while (1 - chance.cumulativeProbability(count) >= LEVEL) {
      count++;
    }
    return count;
  }
}
