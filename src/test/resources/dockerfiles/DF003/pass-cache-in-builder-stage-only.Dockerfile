FROM node:22.11 AS build
RUN apt-get update && apt-get install -y python3 make g++
RUN npm ci && npm run build
RUN pip install build

FROM gcr.io/distroless/nodejs22-debian12:nonroot
COPY --from=build /app/dist /app
COPY --from=build /app/node_modules /app/node_modules
CMD ["/app/server.js"]
