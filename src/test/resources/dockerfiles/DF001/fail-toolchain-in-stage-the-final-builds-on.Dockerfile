FROM rust:1.82 AS build
WORKDIR /src
COPY . .
# expect-next: DF001
RUN cargo build --release

FROM build AS final
USER 1000
ENTRYPOINT ["/src/target/release/app"]
