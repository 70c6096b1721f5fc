FROM golang:1.23 AS build
RUN go build -o /api .

FROM cgr.dev/chainguard/static:latest AS chainguard

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /api /api
