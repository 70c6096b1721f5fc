FROM node:22.11 AS build
RUN npm ci && npm run build

# expect-next: DF002
FROM node:22.11
COPY --from=build /dist /app
USER node
