FROM alpine:3.20
RUN apk add --no-cache build-base
COPY . /src
RUN case "$(apk --print-arch)" in \
      x86_64) echo prebuilt ;; \
      *) \
# expect-next: DF001
        su nobody -s /bin/sh -c "cd /src && make" \
        ;; \
    esac
USER 1000
