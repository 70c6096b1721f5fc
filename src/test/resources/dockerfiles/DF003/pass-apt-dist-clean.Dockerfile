FROM debian:trixie-slim
# apt 2.7 (trixie) removes the package lists with dist-clean, as the official images do
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates tzdata; \
    apt-get dist-clean
USER 1000
