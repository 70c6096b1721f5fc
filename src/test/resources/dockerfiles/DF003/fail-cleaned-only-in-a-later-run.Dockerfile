FROM ubuntu:24.04
# expect-next: DF003
RUN apt-get update && apt-get install -y curl
RUN rm -rf /var/lib/apt/lists/*
USER 1000
