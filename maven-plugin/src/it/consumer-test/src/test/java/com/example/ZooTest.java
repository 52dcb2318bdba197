package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.designspace.models.RegNetX200MF;
import dev.designspace.runtime.nn.Network;
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
  }
}
