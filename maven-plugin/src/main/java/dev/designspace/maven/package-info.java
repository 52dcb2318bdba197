/**
 * The designspace Maven plugin: goal {@code generate} turns spec files into model classes during
 * {@code generate-sources}, a thin front end over the generator's {@code SourceGeneration}.
 */
package dev.designspace.maven;
