# dockerignore: present
FROM node:22.11-slim
WORKDIR /app
COPY . .
USER node
