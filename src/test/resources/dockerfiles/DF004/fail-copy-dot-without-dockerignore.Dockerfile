FROM node:22.11-slim AS build
WORKDIR /app
# expect-next: DF004
COPY . .
RUN npm ci && npm run build

FROM node:22.11-slim
# expect-next: DF004
ADD ./ /srv/
COPY --from=build /app/dist /srv/dist
USER node
