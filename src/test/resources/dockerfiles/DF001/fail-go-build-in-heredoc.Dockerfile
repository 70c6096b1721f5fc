# syntax=docker/dockerfile:1
FROM golang:1.23-bookworm
WORKDIR /src
COPY . .
RUN <<EOF
set -eux
# a dependency download builds nothing
go mod download
# expect-next: DF001
CGO_ENABLED=0 go build -o /usr/local/bin/api ./cmd/api
EOF
USER 65532
ENTRYPOINT ["/usr/local/bin/api"]
