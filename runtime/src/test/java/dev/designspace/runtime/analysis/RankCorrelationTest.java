package dev.designspace.runtime.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rank correlations against values worked out by hand, ties included, and their bootstrap
 * intervals.
 */
class RankCorrelationTest {
  private static final double EPS = 1e-12;

  /**
   * x = 1..5, y = 2 1 4 3 5: rank differences -1 1 -1 1 0, sum d^2 = 4, rho = 1 - 6 * 4 / (5 * 24)
   * = 0.8; pairs (1,2) and (3,4) are discordant, the other 8 concordant: tau = (8 - 2) / 10 = 0.6.
   */
  @Test
  void withoutTies() {
    double[] x = {1, 2, 3, 4, 5};
    double[] y = {2, 1, 4, 3, 5};
    assertThat(RankCorrelation.spearman(x, y)).isCloseTo(0.8, within(EPS));
    assertThat(RankCorrelation.kendall(x, y)).isCloseTo(0.6, within(EPS));
  }

  /**
   * x = 1 2 2 3 has mid-ranks 1 2.5 2.5 4; y = 1 3 2 3 has 1 3.5 2 3.5. Centred: dx = -1.5 0 0 1.5,
   * dy = -1.5 1 -0.5 1; sum dx dy = 2.25 + 1.5 = 3.75, sum dx^2 = sum dy^2 = 4.5: rho = 3.75 / 4.5
   * = 5/6. Of the 6 pairs, 4 are concordant, none discordant, (2,3) tied in x and (2,4) tied in y:
   * tau-b = 4 / sqrt((6 - 1)(6 - 1)) = 0.8.
   */
  @Test
  void withTies() {
    double[] x = {1, 2, 2, 3};
    double[] y = {1, 3, 2, 3};
    assertThat(RankCorrelation.ranks(x)).containsExactly(1, 2.5, 2.5, 4);
    assertThat(RankCorrelation.spearman(x, y)).isCloseTo(5.0 / 6, within(EPS));
    assertThat(RankCorrelation.kendall(x, y)).isCloseTo(0.8, within(EPS));
  }

  @Test
  void reversedOrderIsMinusOneAndAConstantRankingIsUndefined() {
    double[] x = {3, 1, 2, 5};
    double[] y = {-3, -1, -2, -5};
    assertThat(RankCorrelation.spearman(x, y)).isCloseTo(-1, within(EPS));
    assertThat(RankCorrelation.kendall(x, y)).isCloseTo(-1, within(EPS));
    assertThat(RankCorrelation.spearman(x, new double[] {7, 7, 7, 7})).isNaN();
    assertThat(RankCorrelation.kendall(x, new double[] {7, 7, 7, 7})).isNaN();
  }

  @Test
  void bootstrapIntervalsAreSeededAndBracketTheEstimate() {
    double[] x = {20.1, 22.5, 19.8, 30.2, 25.0, 21.7, 27.3, 23.9, 26.4, 24.4};
    double[] y = {15.2, 17.9, 16.1, 24.8, 18.0, 16.5, 21.0, 19.2, 22.3, 17.1};
    RankCorrelation a = RankCorrelation.of(x, y, 3);
    RankCorrelation b = RankCorrelation.of(x, y, 3);
    assertThat(a).isEqualTo(b);
    assertThat(a.n()).isEqualTo(10);
    assertThat(a.spearman()).isEqualTo(RankCorrelation.spearman(x, y));
    assertThat(a.spearmanInterval().low()).isLessThan(a.spearman());
    assertThat(a.spearmanInterval().high())
        .isGreaterThanOrEqualTo(a.spearman())
        .isLessThanOrEqualTo(1);
    assertThat(a.kendallInterval().low()).isLessThan(a.kendall());
    assertThat(a.kendallInterval().high()).isLessThanOrEqualTo(1);
    // rankings that agree perfectly agree in every resample
    RankCorrelation perfect = RankCorrelation.of(x, x, 1);
    assertThat(perfect.spearmanInterval()).isEqualTo(new RankCorrelation.Interval(1, 1));
    assertThat(perfect.kendallInterval()).isEqualTo(new RankCorrelation.Interval(1, 1));
  }

  @Test
  void rejectsMismatchedOrTooFewValues() {
    assertThatThrownBy(() -> RankCorrelation.of(new double[] {1, 2}, new double[] {1}, 0))
        .hasMessageContaining("one y per x");
    assertThatThrownBy(() -> RankCorrelation.of(new double[] {1}, new double[] {1}, 0))
        .hasMessageContaining("at least 2");
  }

  @Test
  void proxyVerdicts() {
    List<String> ids = List.of("a", "b", "c", "d", "e", "f", "g", "h");
    double[] proxy = {10, 11, 12, 13, 14, 15, 16, 17};
    ProxyValidity same =
        ProxyValidity.of(ids, proxy, new double[] {5, 6, 7, 8, 9, 10, 11, 12}, 2, 8, 0);
    assertThat(same.verdict()).isEqualTo(ProxyValidity.Verdict.TRUSTED);
    assertThat(same.sentence())
        .startsWith("The proxy can be trusted")
        .contains("Spearman 1.00")
        .contains("8 models")
        .contains("2-epoch proxy against 8 epochs");
    ProxyValidity reversed =
        ProxyValidity.of(ids, proxy, new double[] {12, 11, 10, 9, 8, 7, 6, 5}, 2, 8, 0);
    assertThat(reversed.verdict()).isEqualTo(ProxyValidity.Verdict.NOT_TRUSTED);
    assertThat(reversed.sentence()).startsWith("The proxy cannot be trusted");
    ProxyValidity few =
        ProxyValidity.of(
            ids.subList(0, 3), new double[] {1, 2, 3}, new double[] {1, 2, 3}, 2, 8, 0);
    assertThat(few.verdict()).isEqualTo(ProxyValidity.Verdict.TOO_FEW_MODELS);
    assertThat(few.sentence()).contains("Too few models").contains("(3,");
    // a rough agreement: rho between 0.4 and 0.7 with its interval above 0 is weak
    assertThat(
            ProxyValidity.verdict(
                new RankCorrelation(
                    30,
                    0.55,
                    new RankCorrelation.Interval(0.2, 0.8),
                    0.4,
                    new RankCorrelation.Interval(0.1, 0.6))))
        .isEqualTo(ProxyValidity.Verdict.WEAK);
    assertThat(
            ProxyValidity.verdict(
                new RankCorrelation(
                    30,
                    0.75,
                    new RankCorrelation.Interval(-0.05, 0.9),
                    0.6,
                    new RankCorrelation.Interval(0.1, 0.6))))
        .isEqualTo(ProxyValidity.Verdict.NOT_TRUSTED);
  }

  @Test
  void blowUpRule() {
    assertThat(LossBlowUp.blewUp(2.30, 8.41)).isTrue();
    assertThat(LossBlowUp.blewUp(2.30, 4.60)).isFalse();
    assertThat(LossBlowUp.blewUp(2.30, 2.32)).isFalse();
    assertThat(LossBlowUp.blewUp(Double.NaN, 9)).isFalse();
  }
}
