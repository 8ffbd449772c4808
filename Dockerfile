# syntax=docker/dockerfile:1
# The password_set page on nginx. Built with Node by `npm run build`, as everywhere; served by Debian's
# nginx with the configuration of deploy/nginx/ (rendered at start by the script `npm run test:nginx`
# runs). Non-root, and read-only friendly: with `--read-only --tmpfs /tmp` it writes only to
# /tmp/password-set (the rendered configuration and page, the pid file).
#
#   docker build -t password-set .
#   docker run --read-only --tmpfs /tmp -p 8080:8080 -e CIDAAS_BASE_URL=https://acme.cidaas.de password-set
#
# Variables (see README, "Deploy with nginx"): CIDAAS_BASE_URL, FORM_ACTION_EXTRA, PORT (8080).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

# The cidaas emulator, for compose.yaml's local try-out only (never a deployment's cidaas).
FROM build AS emulator
ENV HOST=0.0.0.0 PORT=4200
USER node
EXPOSE 4200
CMD ["node", "--import", "tsx", "server/main.ts"]

FROM debian:bookworm-slim AS page
RUN apt-get update \
  && apt-get install -y --no-install-recommends nginx-light libnginx-mod-http-brotli-static libnginx-mod-http-headers-more-filter brotli gettext-base \
  && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/dist/password-set/browser /usr/share/password-set/browser
COPY deploy/nginx/render.sh deploy/nginx/docker-entrypoint.sh deploy/nginx/*.conf.template /usr/share/password-set/nginx/
ENV PORT=8080 \
  HOST=0.0.0.0 \
  NODE_ENV=production \
  PASSWORD_SET_SITE_DIR=/usr/share/password-set/browser \
  PASSWORD_SET_RUNTIME_DIR=/tmp/password-set \
  PASSWORD_SET_ACCESS_LOG=/dev/stdout
USER www-data
EXPOSE 8080
# nginx's graceful stop: open requests finish.
STOPSIGNAL SIGQUIT
ENTRYPOINT ["/usr/share/password-set/nginx/docker-entrypoint.sh"]
