/**
 * The generator's commands ({@code sample}, {@code describe}, {@code fit}) as picocli commands,
 * thin front ends over {@code spec}, {@code sampling}, {@code complexity} and {@code fit}, and
 * the mapping of failures to exit codes (0 ok, 1 failure while running, 2 bad input).
 */
package dev.designspace.generator.cli;
