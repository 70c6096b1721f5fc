FROM python:3.12-slim
WORKDIR /app
COPY . .
# expect-next: DF001
RUN pip install --no-cache-dir -r requirements-dev.txt
USER 1000
CMD ["python", "-m", "app"]
