# settings: require_digest
# expect-next: DF005
FROM debian:12-slim
USER 1000
