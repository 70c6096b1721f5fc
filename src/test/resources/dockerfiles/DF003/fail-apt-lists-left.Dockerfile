FROM debian:12-slim
# expect-next: DF003
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && apt-get clean
USER 1000
