package dev.designspace.runtime.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * How often refinement proposes something when errors depend on nothing: 200 synthetic sweeps per
 * size and family (minutes of CPU, so only on request; docs/sweeps.md has the figures): {@code mvn
 * -pl runtime -am -Ddesignspace.calibration=true -Dtest=RefineCalibrationTest
 * -Dsurefire.failIfNoSpecifiedTests=false test}.
 */
@EnabledIfSystemProperty(named = "designspace.calibration", matches = "true")
class RefineCalibrationTest {
  private static final int TRIALS = 200;

  @TempDir Path tmp;

  @Test
  void independentErrorsRarelyProposeAnything() throws IOException {
    for (int n : new int[] {30, 60, 120}) {
      int regNet = 0;
      int anyNet = 0;
      Map<String, Integer> proposed = new TreeMap<>();
      for (int t = 0; t < TRIALS; t++) {
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
          "n=%d: RegNet %d/%d, AnyNet %d/%d sweeps with a proposal; %s%n",
          n, regNet, TRIALS, anyNet, TRIALS, proposed);
      // alpha 0.05 family-wise, with room for the binomial noise of 200 trials
      assertThat(regNet).isLessThanOrEqualTo(TRIALS / 10);
      assertThat(anyNet).isLessThanOrEqualTo(TRIALS / 10);
    }
  }
}
