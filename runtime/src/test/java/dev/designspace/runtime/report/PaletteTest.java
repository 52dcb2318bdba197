package dev.designspace.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaletteTest {
  @Test
  void spacesGetDistinctColoursInOrderAndWrapAround() {
    Set<Color> seen = new HashSet<>();
    for (int i = 0; i < Palette.size(); i++) {
      assertThat(seen.add(Palette.of(i))).isTrue();
    }
    assertThat(Palette.of(0)).isEqualTo(new Color(0x00, 0x72, 0xB2));
    assertThat(Palette.of(1)).isEqualTo(new Color(0xD5, 0x5E, 0x00));
    assertThat(Palette.of(Palette.size())).isEqualTo(Palette.of(0));
  }

  @Test
  void slugsNameFilesAfterTheSpace() {
    assertThat(ReportAnalysis.slug("FmnistRegNetX")).isEqualTo("fmnist-regnet-x");
    assertThat(ReportAnalysis.slug("AnyNetXA")).isEqualTo("anynet-xa");
    assertThat(ReportAnalysis.slug("my space/v2")).isEqualTo("my-space-v2");
    assertThat(ReportAnalysis.slug("***")).isEqualTo("sweep");
  }
}
