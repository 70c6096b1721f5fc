/**
 * Container images: the sources (a Docker Engine through docker-java, {@code docker save}
 * archives, OCI archives and layout directories), each read in one streaming pass into
 * {@link io.deployguard.docker.image.ImageLayers}; the analysis of the layers
 * ({@link io.deployguard.docker.image.ImageAnalysis}: whiteouts applied, size and wasted bytes);
 * and rules IMG001-IMG004 ({@link io.deployguard.docker.image.ImageRules#RULES}). Nothing is
 * extracted to disk; memory grows with the number of files, not their bytes.
 */
package io.deployguard.docker.image;
