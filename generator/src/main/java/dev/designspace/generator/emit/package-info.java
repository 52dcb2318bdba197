/**
 * Java source emission: one final class per model (JavaPoet) that lays the network out block by
 * block through the runtime's layer API ({@code dev.designspace.layers}), plus {@code
 * manifest.json}. Output is byte-identical for identical inputs; names are validated as Java
 * identifiers and every string from a spec is emitted escaped, so a spec cannot inject code. This
 * package names runtime types only as strings: it never loads TensorFlow.
 */
package dev.designspace.generator.emit;
