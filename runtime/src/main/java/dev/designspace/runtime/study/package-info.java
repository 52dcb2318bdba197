/**
 * The paper's progression of design spaces as one run: AnyNetXA to XB, XC, XD, XE and RegNetX, each
 * a sweep, compared step by step against what the paper found, in one report. No TensorFlow: the
 * models train in the sweeps' worker processes.
 */
package dev.designspace.runtime.study;
