FROM alpine:3.20
COPY . /src
RUN apk add --no-cache --virtual .build-deps gcc musl-dev \
    && apk add --no-cache make \
    && cd /src \
# make was added outside the virtual package, so deleting .build-deps leaves it
# expect-next: DF001
    && make \
    && apk del --no-network .build-deps
USER 1000
