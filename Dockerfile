# The API and the explorer; Neo4j comes from docker-compose (or NEO4J_URI). No JVM in this image.

# The explorer is built with the dev dependencies (Vite) in a stage of its own; only web/dist is kept.
FROM node:20-bookworm-slim AS explorer
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web ./web
COPY scripts/build-web.ts ./scripts/build-web.ts
RUN npx tsx scripts/build-web.ts

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# tsx runs the TypeScript sources directly (no build step to drift from what tests run).
RUN npm ci --omit=dev && npm cache clean --force
COPY tsconfig.json ./
COPY src ./src
COPY seed ./seed
COPY schema ./schema
COPY --from=explorer /app/web/dist ./web/dist
USER node
EXPOSE 4000
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "src/main.ts"]
