# expect-next: DF005
FROM golang AS build
RUN go build -o /api .

# expect-next: DF005
FROM alpine:latest
# expect-next: DF005
COPY --from=busybox:latest /bin/busybox /bin/busybox
COPY --from=build /api /api
USER 65532
