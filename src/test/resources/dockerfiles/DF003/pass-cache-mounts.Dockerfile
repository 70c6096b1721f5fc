# syntax=docker/dockerfile:1
FROM python:3.12-slim
RUN --mount=type=cache,target=/var/lib/apt,sharing=locked \
    --mount=type=cache,target=/var/cache/apt \
    apt-get update && apt-get install -y --no-install-recommends libpq5
RUN --mount=type=cache,target=/root/.cache/pip pip install psycopg
USER 1000
