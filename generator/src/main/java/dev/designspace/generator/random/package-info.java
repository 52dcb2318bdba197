/**
 * Randomness that is identical on every machine: a SplitMix64 generator (fully specified here,
 * independent of the JDK's implementation) and the pycls sweep distributions drawn from it with
 * {@link java.lang.StrictMath}.
 */
package dev.designspace.generator.random;
