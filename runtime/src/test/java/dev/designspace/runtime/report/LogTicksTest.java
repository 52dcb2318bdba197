package dev.designspace.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogTicksTest {
  @Test
  void flopsFrom4point2MTo31MAreTickedAt5M10M20M() {
    List<Double> ticks = LogTicks.between(4.2e6, 31e6);
    assertThat(ticks).containsExactly(5e6, 10e6, 20e6);
    assertThat(ticks.stream().map(LogTicks::label)).containsExactly("5M", "10M", "20M");
  }

  @Test
  void aNarrowRangeFallsBackToEveryMantissa() {
    assertThat(LogTicks.between(5e6, 6.9e6)).containsExactly(5e6, 6e6);
    assertThat(LogTicks.between(0.25, 0.75)).containsExactly(0.3, 0.4, 0.5, 0.6, 0.7);
  }

  @Test
  void manyDecadesKeepOnlyPowersOfTen() {
    assertThat(LogTicks.between(1, 1e4)).containsExactly(1.0, 10.0, 100.0, 1e3, 1e4);
    assertThat(LogTicks.between(1, 1e20)).hasSizeLessThanOrEqualTo(LogTicks.MAX_TICKS);
  }

  @Test
  void modelsTrainedAreTickedAt1To5() {
    assertThat(LogTicks.between(1, 40)).containsExactly(1.0, 2.0, 5.0, 10.0, 20.0);
  }

  @Test
  void labelsArePlainNumbersWithThousandsSuffixes() {
    assertThat(LogTicks.label(1)).isEqualTo("1");
    assertThat(LogTicks.label(0.2)).isEqualTo("0.2");
    assertThat(LogTicks.label(500)).isEqualTo("500");
    assertThat(LogTicks.label(2000)).isEqualTo("2k");
    assertThat(LogTicks.label(250_000)).isEqualTo("250k");
    assertThat(LogTicks.label(1_500_000)).isEqualTo("1.5M");
    assertThat(LogTicks.label(6e6)).isEqualTo("6M");
    assertThat(LogTicks.label(3e9)).isEqualTo("3G");
  }

  @Test
  void aLogAxisNeedsPositiveBounds() {
    assertThatThrownBy(() -> LogTicks.between(0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 < low <= high");
  }
}
