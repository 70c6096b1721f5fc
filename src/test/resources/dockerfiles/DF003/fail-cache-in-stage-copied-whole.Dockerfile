FROM debian:12-slim AS rootfs
# expect-next: DF003
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates

FROM scratch
COPY --from=rootfs / /
USER 65532
