# settings: allow_root
FROM debian:12-slim
CMD ["/bin/sh"]
