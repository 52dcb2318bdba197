/**
 * Exact complexity of a network as pycls counts it: flops (multiply-adds, no factor 2), params and
 * activations, walked layer by layer at the training resolution, in 64-bit integers.
 */
package dev.designspace.generator.complexity;
