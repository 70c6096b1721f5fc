FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev \
# pip compiles native extensions with the compiler this RUN installs, and nothing removes it
# expect-next: DF001
    && pip install --no-cache-dir -r requirements.txt \
    && rm -rf /var/lib/apt/lists/*
COPY app app
USER 1000
CMD ["python", "-m", "app"]
