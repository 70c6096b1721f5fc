FROM golang:1.23 AS build
RUN go build -o /api .

FROM node:22.11-slim AS web

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /api /api
