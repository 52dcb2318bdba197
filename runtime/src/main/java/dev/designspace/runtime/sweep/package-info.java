/**
 * Sweeps: sample a design space, generate its models, train them in worker processes (each model as
 * {@code designspace train} trains it; a worker trains model after model, and a crash costs only
 * the model in flight; several sweeps can share one pool of workers), resume what is unfinished,
 * and collect {@code sweep.json} and {@code sweep.csv}. No TensorFlow here.
 */
package dev.designspace.runtime.sweep;
