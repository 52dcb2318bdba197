package dev.designspace.runtime.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.designspace.model.ModelInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * designspace-layers and designspace-model are what a project using generated classes pulls: this
 * module's classpath (its dependencies, designspace-model's, and test libraries) must not contain
 * the tool libraries the runtime uses.
 */
class LayersDependenciesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "picocli.CommandLine", // picocli
        "freemarker.template.Configuration", // Freemarker
        "org.jfree.chart.JFreeChart", // JFreeChart
        "org.jfree.svg.SVGGraphics2D", // JFreeSVG
        "org.apache.commons.math3.util.FastMath", // commons-math3
        "me.tongfei.progressbar.ProgressBar", // progressbar
        "dev.designspace.generator.network.NetworkConfig", // the generator and its Jackson/JavaPoet
        "com.palantir.javapoet.JavaFile",
        "dev.designspace.runtime.cli.DesignspaceMain"
      })
  void aToolLibraryIsNotOnTheClasspath(String className) {
    assertThatThrownBy(() -> Class.forName(className, false, getClass().getClassLoader()))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void theLayerApiAndTheModelDescriptionAre() throws ClassNotFoundException {
    // the check above means something only if this classpath does hold what generated code uses
    assertThat(Class.forName("org.tensorflow.op.Ops")).isNotNull();
    assertThat(Layers.class.getPackageName()).isEqualTo("dev.designspace.runtime.nn");
    assertThat(ModelInfo.class.getPackageName()).isEqualTo("dev.designspace.model");
  }
}
