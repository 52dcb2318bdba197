/**
 * Datasets as uint8 NHWC arrays: Fashion-MNIST (IDX files, looked up or downloaded, with an
 * embedded balanced subset as the offline default), CIFAR-10 (binary version), class-per-folder
 * images, and synthetic data for tests; and seeded batches with random crop and flip. Pixels stay
 * in 0-255: normalisation happens inside the graph, so exported models take raw pixels.
 */
package dev.designspace.runtime.data;
