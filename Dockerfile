# The API alone; Neo4j comes from docker-compose (or NEO4J_URI). No JVM in this image.
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
USER node
EXPOSE 4000
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "src/main.ts"]
