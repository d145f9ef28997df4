# LoopDesk in one process: API, realtime and background work. `npm start` applies pending
# migrations before it listens, so there is no separate migrate step.
FROM node:20-bookworm-slim

WORKDIR /app
# Run as the image's unprivileged user; it owns the app directory (mail files land in ./data
# when no SMTP_URL is set).
RUN chown node:node /app
USER node

# Dependencies first: a code change does not reinstall them. Dev dependencies stay: `npm start`
# runs TypeScript through tsx, and `npm test` works inside the container.
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY --chown=node:node . .
# Built into the image so the container starts at once (npm start's prestart then finds it fresh).
RUN npm run build:client && mkdir -p /app/data

EXPOSE 3000
CMD ["npm", "start"]
