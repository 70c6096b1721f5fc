FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*
COPY . /src
# the RUN above left build-essential in its layer; purging it here cannot shrink that layer
# expect-next: DF001
RUN cd /src && make && make install \
    && apt-get purge -y --auto-remove build-essential
USER 1000
