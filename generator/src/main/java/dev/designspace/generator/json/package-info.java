/**
 * Models as the commands print them: {@code describe --json}, {@code sample --json} and the {@code
 * config} of {@code manifest.json} use the one shape of {@link
 * dev.designspace.model.ModelInfoJson}, adding RegNet block widths and sampling fields.
 */
package dev.designspace.generator.json;
