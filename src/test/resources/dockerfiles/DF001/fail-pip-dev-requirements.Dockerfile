FROM python:3.12-slim
WORKDIR /app
COPY . .
# expect-next: DF001
RUN pip install --no-cache-dir -r requirements-dev.txt
# expect-next: DF001
RUN python3 -m build --wheel && pip install --no-cache-dir dist/*.whl
USER 1000
CMD ["python", "-m", "app"]
