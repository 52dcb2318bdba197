package dev.designspace.runtime.report;

/**
 * One figure of a report: inline in the HTML and also written beside it as {@code file}.
 *
 * @param file the SVG file's name, saying what the figure shows (edf.svg, error-vs-wm-regnet-x.svg)
 * @param svg the figure as one {@code <svg>} element
 */
record Figure(String file, String svg) {
  Figure {
    if (!file.matches("[a-z0-9][a-z0-9-]*\\.svg")) {
      throw new IllegalArgumentException("not a figure file name: " + file);
    }
    if (!svg.startsWith("<svg")) {
      throw new IllegalArgumentException(file + " is not an svg element");
    }
  }
}
