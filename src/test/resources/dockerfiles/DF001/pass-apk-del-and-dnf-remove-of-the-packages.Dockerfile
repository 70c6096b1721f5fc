FROM fedora:40 AS rpm
COPY . /src
RUN dnf install -y gcc make && make -C /src && dnf remove -y gcc make && dnf clean all

FROM alpine:3.20
COPY --from=rpm /src/out /app
RUN apk add --no-cache gcc musl-dev make \
    && make -C /app/native \
    && apk del gcc musl-dev make
USER 1000
