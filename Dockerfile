# The API and the explorer; Neo4j comes from docker-compose (or NEO4J_URI). No JVM in this image.
# Node 24 LTS, the runtime of record. Three stages: compile TypeScript and build the explorer with
# the dev dependencies, install the production dependencies alone, then run the compiled
# JavaScript as the unprivileged `node` user, with the application files owned by root.

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY seed ./seed
COPY scripts ./scripts
COPY web ./web
RUN npm run build && npm run build:web

FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Read at run time from the project root (src/paths.ts): the schema, the example (persisted)
# operations and the curated seed.
COPY schema ./schema
COPY seed/data ./seed/data
COPY seed/documents ./seed/documents
COPY --from=build /app/web/dist ./web/dist
USER node
EXPOSE 4000
STOPSIGNAL SIGTERM
# Also in this image: `node dist/seed/cli.js` (npm run seed), `node dist/scripts/import.js`, ...
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
