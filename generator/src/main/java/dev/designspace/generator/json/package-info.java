/**
 * The JSON shapes of models shared by the commands and {@code manifest.json} (docs/run-files.md):
 * built structure (RegNets and sampled AnyNets after the compatibility adjustment), complexity,
 * RegNet parameters and sampling fields.
 */
package dev.designspace.generator.json;
