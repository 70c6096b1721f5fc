FROM golang:1.23 AS build
WORKDIR /src
COPY go.mod go.sum ./
COPY cmd cmd
RUN go build -o /out/api ./cmd/api

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/ .
COPY <<EOF /etc/api.yaml
port: 8080
EOF
