/**
 * The Slurm launcher: a sweep as one sbatch array job (one task per model, each running {@code
 * designspace train} into the shared sweep directory), resubmission of what has no result, and a
 * sweep's status from its result files and {@code squeue}. The script comes from a Freemarker
 * template whose every interpolation is shell-quoted. No TensorFlow here.
 */
package dev.designspace.runtime.slurm;
