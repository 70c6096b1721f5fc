FROM golang:1.23 AS test
COPY . .
RUN go test ./...

FROM alpine:3.20
ONBUILD RUN make install
RUN echo 'mvn is not run here' > /etc/motd
USER 1000
