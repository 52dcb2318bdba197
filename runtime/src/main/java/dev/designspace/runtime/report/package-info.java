/**
 * The HTML report comparing sweeps: one self-contained file (Freemarker template {@code
 * report.html.ftl} from the repository's {@code templates/}, on the classpath at {@code
 * dev/designspace/templates/}, or a user's own, rendered with the same restrictive settings;
 * figures as inline SVG drawn with JFreeChart and JFreeSVG, no script, no network), with each
 * figure also as its own SVG file and a CSV and JSON of all models and the EDFs as data ({@code
 * EdfData}) beside it; {@link dev.designspace.runtime.report.ReportOptions} says how spaces are
 * compared. One class per step: {@link dev.designspace.runtime.report.ReportAnalysis} (numbers and
 * verdicts), {@code ReportFigures} (drawing, one {@code Palette} colour per space), {@code
 * ReportView} (the template model), {@code ReportTemplate} (rendering) and {@code ReportFiles}
 * (atomic writes); {@link dev.designspace.runtime.report.ReportBuilder} runs them. Every string
 * from specs or results is HTML-escaped by the template's output format. No TensorFlow here.
 */
package dev.designspace.runtime.report;
