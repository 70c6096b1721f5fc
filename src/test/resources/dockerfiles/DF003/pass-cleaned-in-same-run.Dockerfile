FROM debian:12-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
RUN apk add --no-cache jq
RUN yum install -y tar && yum clean all
RUN npm ci && npm cache clean --force
RUN pip install --no-cache-dir flask
USER 1000
