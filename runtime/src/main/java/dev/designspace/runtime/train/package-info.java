/**
 * Training a generated model with TensorFlow Java: the paper's recipe scaled to the proxy task
 * (SGD, momentum 0.9, Nesterov, lr 0.1 per 128 images with linear warmup then half-period cosine
 * fed per step, weight decay on kernels, optional label smoothing), batches prepared ahead of the
 * steps on a thread of their own, per-epoch evaluation in inference mode over the same variables,
 * checkpoints and exact resume, and the run directory.
 */
package dev.designspace.runtime.train;
