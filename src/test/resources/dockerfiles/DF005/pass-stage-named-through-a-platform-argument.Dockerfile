# syntax=docker/dockerfile:1
FROM --platform=$BUILDPLATFORM golang:1.23-alpine AS build
ARG TARGETOS TARGETARCH
RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .

FROM scratch AS binary-linux
COPY --from=build /out/app /app
FROM scratch AS binary-windows
COPY --from=build /out/app /app.exe

# binary-$TARGETOS names one of the stages above, never an image on Docker Hub
FROM binary-$TARGETOS AS binary
USER 65532
