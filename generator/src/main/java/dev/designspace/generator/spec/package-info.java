/**
 * Spec files: YAML read into a tree that remembers the file, line and column of every key and
 * value, {@code extends} applied (maps merge, lists and scalars replace), then validated into a
 * {@link dev.designspace.generator.space.DesignSpace}. Every error is a {@link
 * dev.designspace.generator.spec.SpecException} naming file:line:column and what was expected.
 */
package dev.designspace.generator.spec;
