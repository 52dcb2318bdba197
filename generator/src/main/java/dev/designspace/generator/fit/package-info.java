/**
 * The quantised linear fit of paper section 4: given the per-block widths of any network, the
 * RegNet parameters (w0, wa, wm) whose quantised widths come closest, and the fitting error e_fit
 * (mean absolute log-ratio of fitted to observed widths).
 */
package dev.designspace.generator.fit;
