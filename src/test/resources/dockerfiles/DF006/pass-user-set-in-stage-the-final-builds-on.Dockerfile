FROM node:22.11-slim AS base
USER node
WORKDIR /home/node/app

FROM base AS final
COPY --chown=node:node dist dist
CMD ["node", "dist/index.js"]
