/**
 * The generator's commands ({@code gen}, {@code sample}, {@code describe}, {@code fit}) as picocli
 * commands, thin front ends over {@code emit}, {@code spec}, {@code sampling}, {@code complexity}
 * and {@code fit}, and the one handler that maps every front end's failures to exit codes (0 ok, 1
 * failure while running, 2 bad input).
 */
package dev.designspace.generator.cli;
