FROM debian:12-slim
COPY . /src
RUN cd /src \
# expect-next: DF001
    && sudo -E make -j4 \
# expect-next: DF001
    && gcc -O2 -o /usr/local/bin/tool tool.c
USER 1000
