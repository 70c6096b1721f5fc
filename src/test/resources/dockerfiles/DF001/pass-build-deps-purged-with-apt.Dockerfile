FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends gcc \
    && pip install --no-cache-dir uwsgi \
    && apt-get purge -y --auto-remove gcc \
    && rm -rf /var/lib/apt/lists/*
USER 1000
