/**
 * Sweeps: sample a design space, generate its models, train each in its own worker process ({@code
 * designspace train} for one model, so a crash or a hang is that model's failure), resume what is
 * unfinished, and collect {@code sweep.json} and {@code sweep.csv}. No TensorFlow here.
 */
package dev.designspace.runtime.sweep;
