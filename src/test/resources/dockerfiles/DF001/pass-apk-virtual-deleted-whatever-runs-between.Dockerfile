FROM alpine:3.20
COPY . /src
RUN apk add --no-cache --virtual .build-deps gcc g++ make linux-headers \
    && build() { cd /src && ./configure && make -j4 && make install; } \
    && ( build ) \
    && if [ -f /src/extra/Makefile ]; then make -C /src/extra; fi \
    && sh -c 'cd /src/tools && make' \
    && find /src/plugins -name Makefile -exec sh -c 'make -C "$(dirname "$1")"' -- '{}' ';' \
    && eval "make -C /src check" \
    && apk del --no-network .build-deps \
    && rm -rf /src
USER 1000
