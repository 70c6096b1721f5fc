FROM alpine:3.20
ARG UID=0
# expect-next: DF006
USER ${UID}
