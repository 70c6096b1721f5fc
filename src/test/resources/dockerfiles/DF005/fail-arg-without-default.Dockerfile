ARG NODE_VERSION
# expect-next: DF005
FROM node:${NODE_VERSION}-slim
USER node
