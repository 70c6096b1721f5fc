FROM debian:12-slim
ENV BUILD_DEPS="gcc libc6-dev make"
RUN set -eux; \
    savedAptMark="$(apt-mark showmanual)"; \
    apt-get update; \
    apt-get install -y --no-install-recommends $BUILD_DEPS wget; \
    wget -O src.tar.gz https://example.org/src.tar.gz; \
    mkdir /usr/src/app && tar -xzf src.tar.gz -C /usr/src/app --strip-components=1; \
    cd /usr/src/app; \
# comment lines inside the continuation are dropped, as BuildKit does
    ./configure --prefix=/usr/local; \
    make -j "$(nproc)"; \
    make install; \
    gcc --version; \
    cd /; rm -rf /usr/src/app src.tar.gz; \
    apt-mark auto '.*' > /dev/null; \
    [ -z "$savedAptMark" ] || apt-mark manual $savedAptMark; \
    apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; \
    rm -rf /var/lib/apt/lists/*
USER 1000
