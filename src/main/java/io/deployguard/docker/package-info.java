/**
 * Dockerfiles and container images: the Dockerfile parser and rules DF001-DF006, image sources
 * (Docker Engine API, docker-archive, OCI archive and layout) read in one streaming pass, and
 * rules IMG001-IMG004. Depends on {@code policy}.
 */
package io.deployguard.docker;
