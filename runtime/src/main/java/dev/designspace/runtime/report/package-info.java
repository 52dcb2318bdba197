/**
 * The HTML report comparing sweeps: one self-contained file (Freemarker template from {@code
 * dev/designspace/templates/report.html.ftl} (runtime resources), plots as inline SVG drawn with
 * JFreeChart and JFreeSVG, no script, no network), with a CSV and JSON of all models beside it.
 * Every string from specs or results is HTML-escaped by the template's output format. No TensorFlow
 * here.
 */
package dev.designspace.runtime.report;
