/**
 * Dockerfile analysis: a parser faithful to BuildKit's reading of a Dockerfile (parser
 * directives, escape characters, continuations, heredocs, exec and shell forms, stages and build
 * arguments, {@code RUN --mount}), bounded against crafted input; a shell reader that finds the
 * commands a {@code RUN} executes; a model of what each {@code RUN} leaves in its layer (packages
 * installed and removed, directories removed); and rules DF001-DF006 over the parsed file. Entry
 * points: {@link io.deployguard.docker.dockerfile.DockerfileScan} for files and
 * {@link io.deployguard.docker.dockerfile.DockerfileRules} for parsed input. Depends on
 * {@code policy} and on {@link io.deployguard.docker.DockerfileSettings}.
 */
package io.deployguard.docker.dockerfile;
