/**
 * Seeded rejection sampling of distinct models from a design space under its constraints. A seed
 * gives the same models on every machine; the first k models of a larger sample equal a sample of
 * k.
 */
package dev.designspace.generator.sampling;
