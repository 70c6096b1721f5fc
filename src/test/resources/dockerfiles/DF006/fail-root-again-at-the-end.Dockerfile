FROM debian:12-slim
RUN useradd -u 10001 app
USER app
RUN echo hello
# expect-next: DF006
USER root:root
CMD ["/bin/sh"]
