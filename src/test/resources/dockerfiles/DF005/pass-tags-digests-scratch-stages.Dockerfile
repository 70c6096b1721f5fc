ARG GO_VERSION=1.23.4
FROM golang:${GO_VERSION}-bookworm AS build
RUN go build -o /api .

FROM build AS test
RUN go test ./...

FROM gcr.io/distroless/static-debian12@sha256:3f2b64ef97bd285e36132c684e6b2ae8f2723293d09aae046196cca64251acac AS certs

FROM scratch
COPY --from=certs /etc/ssl/certs /etc/ssl/certs
COPY --from=0 /api /api
COPY --from=docker.io/library/busybox:1.36.1 /bin/busybox /busybox
USER 65532
