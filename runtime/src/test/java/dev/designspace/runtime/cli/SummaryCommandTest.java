package dev.designspace.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SummaryCommandTest {

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = DesignspaceMain.newCommandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  @Test
  void summaryPrintsKerasStyleTotalsFromTheGraph() {
    String[] r = run("summary", "specs/zoo-regnetx.yaml", "--model", "RegNetX-200MF");
    assertThat(r[0]).as(r[2]).isEqualTo("0");
    assertThat(r[1])
        .startsWith("Model: \"RegNetX-200MF\"")
        .contains("stem/conv (Conv2D)")
        .contains("(None, 112, 112, 32)")
        .contains("stage1/block1/conv_b (GroupConv2D(3))")
        .contains("head/fc (Dense)")
        .contains("Trainable params: 2,684,792\n")
        .contains(
            "Analytic (pycls counting): flops 199,040,872 (multiply-adds), params 2,684,792, acts"
                + " 2,164,056")
        .doesNotContain("DIFFERS");
  }

  @Test
  void unknownModelIsBadInput() {
    String[] r = run("summary", "specs/cifar-anynets.yaml", "--model", "R-57");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2])
        .isEqualTo(
            "error: no model 'R-57' in specs/cifar-anynets.yaml; it has R-56, R-110, V-56\n");
  }
}
