FROM node:22.11-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci && npm cache clean --force
COPY . .
# expect-next: DF001
RUN npm run build
USER node
CMD ["node", "dist/server.js"]
