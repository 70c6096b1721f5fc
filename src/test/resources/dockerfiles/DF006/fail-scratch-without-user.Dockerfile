FROM golang:1.23 AS build
RUN CGO_ENABLED=0 go build -o /api .

# expect-next: DF006
FROM scratch
COPY --from=build /api /api
ENTRYPOINT ["/api"]
