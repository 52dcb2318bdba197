/**
 * Comparing design spaces from their models' errors (paper and pycls {@code sweep/analysis}): error
 * EDFs with a DKW confidence band and the complexity-normalised EDF of "On Network Design Spaces",
 * two-sample Kolmogorov-Smirnov and Mann-Whitney tests between spaces, bootstrap "good ranges" of
 * any metric, random-search efficiency, and power-law fits of complexity. Pure Java (commons-math3
 * for distributions): no TensorFlow, so reports can be made anywhere.
 */
package dev.designspace.runtime.analysis;
