FROM alpine:3.20
RUN apk add --no-cache --virtual .build-deps gcc musl-dev \
    && apk add --no-network --virtual .rundeps libffi \
    && apk del --no-network .build-deps
USER 1000
