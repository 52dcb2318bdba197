/**
 * The files a training run leaves for others to read, typed: {@code result.json} ({@link
 * ModelResult}, with its {@link RunStatus}) and {@code state.json} ({@link TrainingState}), with
 * the one writer and the one reader every launcher, the report and the analysis go through. No
 * TensorFlow here: sweeps, the Slurm launcher, the analysis and the report read these on machines
 * that may have none.
 */
package dev.designspace.runtime.runfiles;
