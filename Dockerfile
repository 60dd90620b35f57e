# syntax=docker/dockerfile:1
# Pain-Point Tutor. Build:  docker build -t pain-point-tutor .
# Run:    docker run -d --name tutor --env-file .env -v tutor-data:/data -p 3000:3000 -e PORT=3000 pain-point-tutor
# Reload the notes without a restart:  docker kill --signal=HUP tutor
# Back up while it runs:               docker exec tutor tutor backup /data/backup-$(date +%F).db

# --- build: native better-sqlite3 and the TypeScript ------------------------------------------------------------
FROM node:20-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev

# --- runtime: slim, non-root, tini as PID 1 so signals reach node and zombies are reaped --------------------------
FROM node:20-bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    TUTOR_DB=/data/tutor.db \
    TUTOR_KNOWLEDGE=/app/knowledge
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY migrations ./migrations
COPY knowledge ./knowledge
RUN ln -s /app/bin/tutor.js /usr/local/bin/tutor \
 && mkdir -p /data \
 && chown node:node /data
USER node
VOLUME /data
# PORT is opt-in (Slack's HTTP receiver and /healthz share it); 3000 is the port docker-compose.yml uses.
EXPOSE 3000
# With PORT set, ask the running process (GET /healthz: database, knowledge, platform connections); without an HTTP
# server, `tutor doctor` checks configuration, database and knowledge from the outside.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD if [ -n "$PORT" ]; then node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; else tutor doctor; fi
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["tutor", "start"]
