FROM python:3.12-slim AS base
# expect-next: DF003
RUN pip install gunicorn

FROM base AS final
COPY app /app
USER 1000
