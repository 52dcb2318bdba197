package dev.designspace.runtime.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The runtime fits recover exponents that generated the times, and tell flops from acts. */
class RuntimeFitTest {
  @Test
  void timesMadeOfFlopsAndActsAreFittedByBoth() {
    double[] flops = {5e6, 8e6, 12e6, 6e6, 19e6, 9e6, 15e6};
    double[] acts = {40e3, 90e3, 60e3, 150e3, 80e3, 200e3, 120e3};
    double[] millis = new double[flops.length];
    for (int i = 0; i < millis.length; i++) {
      millis[i] = 3e-4 * Math.pow(flops[i], 0.3) * Math.pow(acts[i], 0.6);
    }
    RuntimeFit fit = RuntimeFit.of(flops, acts, millis);
    assertThat(fit.models()).isEqualTo(7);
    assertThat(fit.flopsExponent()).isCloseTo(0.3, within(1e-9));
    assertThat(fit.actsExponent()).isCloseTo(0.6, within(1e-9));
    assertThat(fit.bothRSquared()).isCloseTo(1.0, within(1e-12));
    // activations alone explain these times better than flops alone, neither fully
    assertThat(fit.acts().rSquared()).isGreaterThan(fit.flops().rSquared()).isLessThan(1.0);
    assertThat(fit.sentence()).startsWith("inference time (7 models) = ").contains("acts^0.60");
  }

  @Test
  void activationsThatFollowFlopsExactlyGetNoJointFit() {
    double[] flops = {5e6, 8e6, 12e6, 6e6, 19e6};
    double[] acts = new double[5];
    double[] millis = new double[5];
    for (int i = 0; i < 5; i++) {
      acts[i] = 0.01 * flops[i];
      millis[i] = 1e-6 * flops[i] * (1 + 0.01 * i);
    }
    RuntimeFit fit = RuntimeFit.of(flops, acts, millis);
    assertThat(fit.bothRSquared()).isNaN();
    assertThat(fit.flopsExponent()).isNaN();
    assertThat(fit.sentence()).endsWith("flops and acts move together here, so no fit of both");
  }

  @Test
  void tooFewModelsAreRefused() {
    double[] four = {1, 2, 3, 4};
    assertThatThrownBy(() -> RuntimeFit.of(four, four, four))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 5 models");
  }
}
