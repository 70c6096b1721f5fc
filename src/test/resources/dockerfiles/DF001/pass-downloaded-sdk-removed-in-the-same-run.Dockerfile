FROM debian:12-slim
COPY . /src
RUN set -eux; \
    apt-get update; apt-get install -y --no-install-recommends curl ca-certificates gcc libc6-dev; \
    mkdir -p /tmp/rust; \
    curl -fsSL -o /tmp/rust/rustup-init https://static.rust-lang.org/rustup/dist/x86_64-unknown-linux-gnu/rustup-init; \
    chmod +x /tmp/rust/rustup-init; \
    export RUSTUP_HOME=/tmp/rust/rustup CARGO_HOME=/tmp/rust/cargo; \
    export PATH="$CARGO_HOME/bin:$PATH"; \
    /tmp/rust/rustup-init -y --no-modify-path --profile minimal; \
    rustc --version; \
    cargo build --release --manifest-path /src/Cargo.toml; \
    cp /src/target/release/app /usr/local/bin/; \
    rm -rf /tmp/rust /src; \
    apt-get purge -y --auto-remove gcc libc6-dev; \
    rm -rf /var/lib/apt/lists/*
USER 1000
