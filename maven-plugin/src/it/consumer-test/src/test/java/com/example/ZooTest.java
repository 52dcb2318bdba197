package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.designspace.model.BlockType;
import dev.designspace.models.RegNetX200MF;
import dev.designspace.layers.Network;
import org.junit.jupiter.api.Test;

class ZooTest {
  @Test
  void generatedClassCarriesThePublishedComplexity() {
    Network model = new RegNetX200MF();
    assertEquals("RegNetX-200MF", model.info().name());
    assertEquals(199_040_872L, RegNetX200MF.INFO.flops());
    assertEquals(2_684_792L, RegNetX200MF.INFO.params());
    assertEquals(4, RegNetX200MF.INFO.stages().size());
    assertTrue(RegNetX200MF.INFO.regNet().isPresent());
    assertEquals(BlockType.X, RegNetX200MF.INFO.block());
  }

  @Test
  void dependingOnTheLayerApiPullsNoToolLibrary() {
    for (String className : new String[] {"picocli.CommandLine", "freemarker.template.Configuration",
        "org.jfree.chart.JFreeChart", "org.jfree.svg.SVGGraphics2D",
        "org.apache.commons.math3.util.FastMath", "me.tongfei.progressbar.ProgressBar"}) {
      assertThrows(ClassNotFoundException.class, () -> Class.forName(className), className);
    }
  }
}
