/**
 * Fully resolved networks: {@link dev.designspace.generator.network.NetworkConfig} and the pieces
 * it is made of, RegNet generation ({@link dev.designspace.generator.network.RegNetQuantizer}) and
 * the block-compatibility adjustment (for RegNets and sampled AnyNets; fixed AnyNets are built as
 * written). Rounding follows pycls exactly: half to even ({@link java.lang.Math#rint}) wherever
 * pycls calls {@code round}, truncation where it calls {@code int}. The stem, block and activation
 * types, stages and RegNet parameters are the model description's ({@code dev.designspace.model}),
 * shared with the generated code.
 */
package dev.designspace.generator.network;
