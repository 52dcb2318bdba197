package dev.designspace.generator.cli;

import dev.designspace.generator.complexity.Complexity;
import dev.designspace.generator.network.NetworkConfig;
import dev.designspace.generator.network.NetworkSettings;
import dev.designspace.generator.text.SpecNumbers;
import dev.designspace.model.RegNetParams;
import dev.designspace.model.Stage;
import java.util.Locale;

/** Human-readable text of a network: header, one row per stage, complexity. */
final class NetworkText {
  private NetworkText() {}

  static String render(NetworkConfig network, Complexity cx) {
    NetworkSettings s = network.settings();
    StringBuilder sb = new StringBuilder();
    sb.append(network.name());
    network
        .regNet()
        .ifPresent(
            origin -> {
              RegNetParams p = origin.params();
              sb.append(
                  String.format(
                      Locale.ROOT,
                      "  (RegNet d=%d w0=%d wa=%s wm=%s g=%d b=%s)",
                      p.depth(),
                      (int) p.w0(),
                      SpecNumbers.format(p.wa()),
                      SpecNumbers.format(p.wm()),
                      p.groupWidth(),
                      SpecNumbers.format(p.bottleneckRatio())));
            });
    sb.append('\n');
    sb.append(
        String.format(
            Locale.ROOT,
            "  input %dx%dx%d, %d classes, stem %s %d, block %s%s%s, %s%n",
            s.inputSize(),
            s.inputSize(),
            s.inputChannels(),
            s.classes(),
            s.stem().type().externalName(),
            s.stem().width(),
            s.block().externalName(),
            s.seRatio() > 0 ? " (se " + SpecNumbers.format(s.seRatio()) + ")" : "",
            s.headWidth() > 0 ? ", head " + s.headWidth() : "",
            s.activation().externalName()));
    boolean bottleneck = s.block().isBottleneck();
    sb.append(
        bottleneck
            ? "  stage  depth  width  stride  b      w_b    g      groups\n"
            : "  stage  depth  width  stride\n");
    for (int i = 0; i < network.stages().size(); i++) {
      Stage st = network.stages().get(i);
      sb.append(
          String.format(
              Locale.ROOT, "  %-5d  %-5d  %-5d  %-6d", i + 1, st.depth(), st.width(), st.stride()));
      if (bottleneck) {
        sb.append(
            String.format(
                Locale.ROOT,
                "  %-5s  %-5d  %-5d  %d",
                SpecNumbers.format(st.bottleneckRatio()),
                st.bottleneckWidth(),
                st.groupWidth(),
                st.groups()));
      }
      sb.append('\n');
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "  flops %,d  params %,d  acts %,d%n",
            cx.flops(),
            cx.params(),
            cx.acts()));
    return sb.toString();
  }

  /**
   * Prints rows as aligned columns two spaces apart; columns {@code firstNumeric} to {@code
   * lastNumeric} are right-aligned.
   */
  static void printTable(
      java.io.PrintWriter out,
      java.util.List<java.util.List<String>> rows,
      int firstNumeric,
      int lastNumeric) {
    int columns = rows.get(0).size();
    int[] widths = new int[columns];
    for (var row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    for (var row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        String cell = row.get(c);
        String pad = " ".repeat(widths[c] - cell.length());
        boolean right = c >= firstNumeric && c <= lastNumeric;
        line.append(right ? pad + cell : cell + (c == columns - 1 ? "" : pad));
        if (c < columns - 1) {
          line.append("  ");
        }
      }
      out.println(line);
    }
  }

  static String millions(long x) {
    return String.format(Locale.ROOT, "%.2f", x / 1e6);
  }
}
