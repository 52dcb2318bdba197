package dev.designspace.generator.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.designspace.generator.network.NetworkConfig;
import dev.designspace.generator.network.RegNetQuantizer;
import dev.designspace.generator.spec.SpecLoader;
import dev.designspace.generator.testing.Tsv;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegNetFitTest {

  /** Every zoo RegNet's per-block widths (before the compatibility adjustment) are refound. */
  @Test
  void fitsEveryZooModel() {
    List<NetworkConfig> zoo = new ArrayList<>();
    zoo.addAll(SpecLoader.load(Tsv.spec("zoo-regnetx.yaml")).models());
    zoo.addAll(SpecLoader.load(Tsv.spec("zoo-regnety.yaml")).models());
    assertThat(zoo).hasSize(24);
    for (NetworkConfig n : zoo) {
      List<Integer> widths = n.regNet().orElseThrow().widths().blockWidths();
      RegNetFitResult fit = RegNetFit.fit(widths);
      assertThat(fit.eFit()).as(n.name()).isLessThan(0.02);
      assertThat(fit.fittedWidths()).as(n.name()).isEqualTo(widths);
      // the parameters found reproduce the widths through the real quantiser
      assertThat(RegNetQuantizer.quantize(fit.depth(), fit.w0(), fit.wa(), fit.wm()).blockWidths())
          .as(n.name())
          .isEqualTo(widths);
    }
  }

  @Test
  void eFitIsTheMeanAbsoluteLogRatio() {
    // widths that no RegNet gives exactly: a dip in the middle
    List<Integer> widths = List.of(32, 64, 48, 128, 128, 256);
    RegNetFitResult fit = RegNetFit.fit(widths);
    double expected = 0;
    for (int j = 0; j < widths.size(); j++) {
      expected += Math.abs(Math.log(fit.fittedWidths().get(j) / (double) widths.get(j)));
    }
    assertThat(fit.eFit()).isCloseTo(expected / widths.size(), within(1e-12));
    assertThat(fit.eFit()).isGreaterThan(0.02);
    assertThat(fit.fittedWidths()).isSorted();
  }

  @Test
  void constantWidthsFitWithZeroSlope() {
    RegNetFitResult fit = RegNetFit.fit(List.of(64, 64, 64, 64));
    assertThat(fit.eFit()).isZero();
    assertThat(fit.w0()).isEqualTo(64);
    assertThat(fit.fittedWidths()).containsExactly(64, 64, 64, 64);
  }
}
