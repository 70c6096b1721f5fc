FROM alpine:3.20
# expect-next: DF003
RUN apk update && apk add curl
USER 1000
