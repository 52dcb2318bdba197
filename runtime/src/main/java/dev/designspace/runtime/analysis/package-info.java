/**
 * Comparing design spaces from their models' errors (paper and pycls {@code sweep/analysis}): error
 * EDFs with a DKW confidence band, the complexity-normalised EDF of "On Network Design Spaces" over
 * one range shared by the spaces compared; verdicts in the paper's terms (better, worse, different,
 * as good as, no worse, no better, undecided) from exact one-sided KS and margin Mann-Whitney
 * tests, with effect sizes and their intervals, Holm adjustment over a family, and the models that
 * would decide an open question; the group-sequential design of runs until decided; bootstrap "good
 * ranges" of any metric, random-search efficiency, rank correlations of the proxy check, and
 * power-law fits of complexity. Pure Java (commons-math3 for distributions): no TensorFlow, so
 * reports can be made anywhere.
 */
package dev.designspace.runtime.analysis;
