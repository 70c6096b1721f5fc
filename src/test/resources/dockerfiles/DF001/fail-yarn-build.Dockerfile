FROM node:22.11-alpine
WORKDIR /app
COPY . .
RUN yarn install --frozen-lockfile \
# expect-next: DF001
 && yarn build \
 && yarn cache clean
USER node
CMD ["node", "build/index.js"]
