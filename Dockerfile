# One image for every service; docker-compose picks the service by its command.
FROM node:20-bookworm-slim AS base
WORKDIR /app
# better-sqlite3 compiles from source (the embedded event store is still used by the CLI and tests).
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY kernel/package.json kernel/
COPY platform/package.json platform/
COPY subgraphs/identity/package.json subgraphs/identity/
COPY subgraphs/policy/package.json subgraphs/policy/
COPY subgraphs/claims/package.json subgraphs/claims/
COPY gateway/package.json gateway/
COPY dev/esia-emulator/package.json dev/esia-emulator/
COPY dev/demo-data/package.json dev/demo-data/
COPY dev/signin-page/package.json dev/signin-page/
RUN npm ci --omit=dev && npm install --no-save tsx@4
COPY . .
RUN mkdir -p /var/lib/identity && chown node:node /var/lib/identity
USER node
ENV NODE_ENV=production
CMD ["node", "--import", "tsx", "gateway/src/main.ts"]
