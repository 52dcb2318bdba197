/**
 * The paper's progression of design spaces as one run: AnyNetXA to XB, XC, XD, XE and RegNetX, each
 * a sweep (a fixed number of models, or round by round until every step is decided), every space's
 * proxy checked, each step's verdict set against what the paper found, in one report. No
 * TensorFlow: the models train in the sweeps' worker processes.
 */
package dev.designspace.runtime.study;
