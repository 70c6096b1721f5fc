# expect-next: DF002
FROM golang:1.23 AS base
WORKDIR /src

FROM base AS final
COPY bin/api /api
USER 65532
