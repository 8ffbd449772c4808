#!/bin/sh
# Renders the password_set page's nginx configuration and the page itself for one deployment, once, at
# deploy time (or container start): the cidaas base URL is set here, from the environment, never by
# editing files by hand. The same variables as the Node production server (`npm run serve`):
#
#   CIDAAS_BASE_URL     tenant authority, e.g. https://acme.cidaas.de (empty: the page's own origin);
#                       written into the page's <meta name="cidaas-base-url"> and, as an origin, into the
#                       CSP's connect-src and form-action
#   PWNED_PASSWORDS_BASE_URL  a breached-password range API in the style of Pwned Passwords, e.g.
#                       https://api.pwnedpasswords.com (empty: no check); written into the page's
#                       <meta name="pwned-passwords-base-url"> and, as an origin, into connect-src
#   FORM_ACTION_EXTRA   origins (space- or comma-separated) of the applications cidaas redirects to after
#                       the change, or "https:"; added to form-action
#   NODE_ENV            "production" refuses http: URLs even on localhost (as the Node server does)
#   PORT, HOST          where the server block listens (default 8080 on 0.0.0.0)
# and the nginx-only ones:
#   PASSWORD_SET_BROTLI        on (default): brotli_static (Debian: libnginx-mod-http-brotli-static);
#                              off: the gzip-only variant, for an nginx without the module
#   PASSWORD_SET_HEADERS_MORE  on (default): no Server header (libnginx-mod-http-headers-more-filter);
#                              off: "Server: nginx" without a version (server_tokens off)
#   PASSWORD_SET_ACCESS_LOG    where requests are logged, without their query (default
#                              /var/log/nginx/access.log; the container logs to /dev/stdout)
#   NGINX_MODULES_DIR          where the dynamic modules are (default /usr/lib/nginx/modules, Debian's)
#   NGINX_WORKER_PROCESSES     for the stand-alone nginx.conf (default auto)
#
# Usage: render.sh <built site: dist/password-set/browser> <output folder>
# It writes into the output folder: password-set.conf (a complete server block, for sites-enabled/ or an
# http block), password-set-locations.conf (the include for an existing server block), the snippets they
# include, nginx.conf (a stand-alone main configuration: the container's), and the page: index.html with
# the base URL, index.html.gz and, where the brotli command exists, index.html.br. Templates are rendered
# with envsubst and an explicit list of variables, the way the official nginx image renders
# /etc/nginx/templates, so nginx's own $variables are left alone.
set -eu

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)

fail() {
  echo "render.sh: $*" >&2
  exit 1
}

[ $# -eq 2 ] || fail "usage: render.sh <built site folder> <output folder>"
site_dir=$(CDPATH= cd -- "$1" 2>/dev/null && pwd) || fail "the built site $1 does not exist. Run \"npm run build\" first."
[ -f "$site_dir/index.html" ] || fail "the page is not built: $site_dir/index.html is missing. Run \"npm run build\" first."
# Paths go into nginx's configuration unquoted: nothing that ends a directive or names a variable.
check_path() {
  case "$1" in
    *[\;\$\{\}\'\"\\[:space:]]*) fail "paths must not contain spaces, quotes, ;, \$, { or }, got \"$1\"." ;;
  esac
}
check_path "$2"
mkdir -p "$2"
out_dir=$(CDPATH= cd -- "$2" && pwd)

command -v envsubst >/dev/null 2>&1 || fail "envsubst is missing (Debian package gettext-base)."

production=no
[ "${NODE_ENV:-}" = production ] && production=yes

# Prints the normalized URL (lower-case scheme and host, no default port, no trailing slash) of $2, or
# fails with a message naming the variable $1. Stricter than a URL parser on purpose: the value goes into
# an HTML attribute and nginx's configuration, so only characters that need no escaping in either pass.
normalize_url() {
  name=$1
  value=$2
  scheme=$(printf '%s' "$value" | sed -n -E 's#^([A-Za-z]+)://.*$#\1#p' | tr 'A-Z' 'a-z')
  rest=$(printf '%s' "$value" | sed -n -E 's#^[A-Za-z]+://(.*)$#\1#p')
  authority=${rest%%/*}
  path=${rest#"$authority"}
  host=$(printf '%s' "$authority" | sed -E 's#:[0-9]+$##' | tr 'A-Z' 'a-z')
  port=$(printf '%s' "$authority" | sed -n -E 's#^.*:([0-9]+)$#\1#p')
  if ! printf '%s' "$value" | grep -Eq '^[A-Za-z]+://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?(/[A-Za-z0-9._~%/-]*)?$'; then
    fail "$name must be an absolute https: URL such as https://acme.cidaas.de, with no credentials, query or fragment (letters, digits and . _ ~ % / - in its path), got \"$value\"."
  fi
  case "$host" in
    localhost | 127.0.0.1 | '[::1]') local_host=yes ;;
    *) local_host=no ;;
  esac
  if [ "$scheme" != https ] && ! { [ "$scheme" = http ] && [ "$local_host" = yes ] && [ "$production" = no ]; }; then
    fail "$name must be an https: URL (http://localhost or http://127.0.0.1 only when NODE_ENV is not \"production\"), got \"$value\"."
  fi
  if [ -n "$port" ] && [ "$port" -gt 65535 ]; then
    fail "$name has a port above 65535, got \"$value\"."
  fi
  if { [ "$scheme" = https ] && [ "$port" = 443 ]; } || { [ "$scheme" = http ] && [ "$port" = 80 ]; }; then port=; fi
  path=$(printf '%s' "$path" | sed -E 's#/+$##')
  printf '%s://%s%s%s' "$scheme" "$host" "${port:+:$port}" "$path"
}

# The origin of a normalized URL.
origin_of() {
  printf '%s' "$1" | sed -E 's#^([a-z]+://[^/]+).*$#\1#'
}

# Prints its arguments once each, in order, separated by spaces (CSP source lists).
unique_sources() {
  printf '%s\n' "$@" | awk 'NF && !seen[$0]++' | paste -sd ' ' -
}

cidaas_base_url=
cidaas_origin=
if [ -n "$(printf '%s' "${CIDAAS_BASE_URL:-}" | tr -d ' \t')" ]; then
  cidaas_base_url=$(normalize_url CIDAAS_BASE_URL "$(printf '%s' "$CIDAAS_BASE_URL" | tr -d ' \t')")
  cidaas_origin=$(origin_of "$cidaas_base_url")
fi

range_base_url=
range_origin=
if [ -n "$(printf '%s' "${PWNED_PASSWORDS_BASE_URL:-}" | tr -d ' \t')" ]; then
  range_base_url=$(normalize_url PWNED_PASSWORDS_BASE_URL "$(printf '%s' "$PWNED_PASSWORDS_BASE_URL" | tr -d ' \t')")
  range_origin=$(origin_of "$range_base_url")
fi

form_action_extra=
for entry in $(printf '%s' "${FORM_ACTION_EXTRA:-}" | tr ',' ' '); do
  if [ "$entry" = https: ]; then
    form_action_extra="$form_action_extra https:"
    continue
  fi
  url=$(normalize_url FORM_ACTION_EXTRA "$entry")
  [ "$url" = "$(origin_of "$url")" ] || fail "FORM_ACTION_EXTRA lists origins (or \"https:\"), not URLs with a path, got \"$entry\"."
  form_action_extra="$form_action_extra $url"
done

port=${PORT:-8080}
printf '%s' "$port" | grep -Eq '^[0-9]{1,5}$' && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || fail "PORT must be an integer from 1 to 65535, got \"$port\"."
host=${HOST:-0.0.0.0}
printf '%s' "$host" | grep -Eq '^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])$' || fail "HOST must be a host name or an IP address, got \"$host\"."

on_off() {
  case "$2" in
    on | off) printf '%s' "$2" ;;
    *) fail "$1 must be on or off, got \"$2\"." ;;
  esac
}
brotli=$(on_off PASSWORD_SET_BROTLI "${PASSWORD_SET_BROTLI:-on}")
headers_more=$(on_off PASSWORD_SET_HEADERS_MORE "${PASSWORD_SET_HEADERS_MORE:-on}")
modules_dir=${NGINX_MODULES_DIR:-/usr/lib/nginx/modules}
access_log=${PASSWORD_SET_ACCESS_LOG:-/var/log/nginx/access.log}
worker_processes=${NGINX_WORKER_PROCESSES:-auto}
for value in "$site_dir" "$out_dir" "$modules_dir" "$access_log" "$worker_processes"; do
  check_path "$value"
done

# The page: the base URL in its <meta> (exactly one such element, as the Node server requires).
meta_count=$(grep -o -i -E '<meta[^>]*name="cidaas-base-url"[^>]*>' "$site_dir/index.html" | wc -l | tr -d ' ')
[ "$meta_count" = 1 ] || fail "index.html must contain exactly one <meta name=\"cidaas-base-url\"> element, found $meta_count."
sed -E "s|<meta[^>]*name=\"cidaas-base-url\"[^>]*>|<meta name=\"cidaas-base-url\" content=\"$cidaas_base_url\">|I" "$site_dir/index.html" >"$out_dir/index.html.tmp"
if [ -n "$range_base_url" ]; then
  range_meta_count=$(grep -o -i -E '<meta[^>]*name="pwned-passwords-base-url"[^>]*>' "$site_dir/index.html" | wc -l | tr -d ' ')
  [ "$range_meta_count" = 1 ] || fail "index.html must contain exactly one <meta name=\"pwned-passwords-base-url\"> element, found $range_meta_count."
  sed -E "s|<meta[^>]*name=\"pwned-passwords-base-url\"[^>]*>|<meta name=\"pwned-passwords-base-url\" content=\"$range_base_url\">|I" "$out_dir/index.html.tmp" >"$out_dir/index.html.tmp2"
  mv "$out_dir/index.html.tmp2" "$out_dir/index.html.tmp"
fi
mv "$out_dir/index.html.tmp" "$out_dir/index.html"
# Compressed once, here, like every other file of the build (gzip 9, brotli 11): nginx only picks one.
gzip -9 -n -c "$out_dir/index.html" >"$out_dir/index.html.gz"
rm -f "$out_dir/index.html.br"
if [ "$brotli" = on ]; then
  if command -v brotli >/dev/null 2>&1; then
    brotli -q 11 -c "$out_dir/index.html" >"$out_dir/index.html.br"
  else
    echo "render.sh: no brotli command (Debian package brotli): the page itself goes out gzip-compressed." >&2
  fi
fi

# The Link header of the page's own start-up files, read from the built index.html exactly as the Node
# server's assetPreloadLinks() reads them (server/preload-hints.ts; the tests compare the two): its
# stylesheet as preload, its module scripts and modulepreload links as modulepreload, with crossorigin
# and integrity. The data hints (translation file, client info, field setup) depend on the URL's
# parameters and the negotiated language and need scripting: nginx sends none.
asset_links=$(awk '
  BEGIN { RS = "<"; base = "/" }
  function attr(tag, name,   value) {
    if (!match(tag, "[ \t\r\n]" name "=\"[^\"]*\"")) return "";
    value = substr(tag, RSTART, RLENGTH);
    sub(/^[ \t\r\n][^=]*="/, "", value);
    sub(/"$/, "", value);
    return value;
  }
  function has(tag, name) { return match(tag, "[ \t\r\n]" name "([ \t\r\n=>/]|$)") > 0 }
  {
    tag = $0;
    sub(/>.*/, "", tag);
    tag = tag " ";
    kind = tolower(substr(tag, 1, index(tag, " ") - 1));
    if (kind == "base" && attr(tag, "href") != "") { base = attr(tag, "href"); if (base !~ /\/$/) base = base "/"; next }
    if (kind != "link" && kind != "script") next;
    integrity = attr(tag, "integrity");
    extra = (has(tag, "crossorigin") || kind == "script") ? "; crossorigin" : "";
    if (integrity != "") extra = extra "; integrity=\"" integrity "\"";
    rel = attr(tag, "rel");
    if (kind == "link" && rel == "stylesheet" && attr(tag, "href") != "") links[++n] = "<" base attr(tag, "href") ">; rel=preload; as=style" extra;
    if (kind == "link" && rel == "modulepreload" && attr(tag, "href") != "") links[++n] = "<" base attr(tag, "href") ">; rel=modulepreload" extra;
    if (kind == "script" && attr(tag, "type") == "module" && attr(tag, "src") != "") links[++n] = "<" base attr(tag, "src") ">; rel=modulepreload" extra;
  }
  END { for (i = 1; i <= n; i++) printf "%s%s", (i > 1 ? ", " : ""), links[i] }
' "$out_dir/index.html")
case "$asset_links" in
  *[\'\$\\]*) fail "the built index.html names files nginx cannot put in a Link header: $asset_links" ;;
esac

# The values the templates use: every one listed for envsubst, nothing else is touched.
export PASSWORD_SET_SITE_DIR="$site_dir"
export PASSWORD_SET_CONF_DIR="$out_dir"
export PASSWORD_SET_LISTEN="$host:$port"
export PASSWORD_SET_CONNECT_SRC="$(unique_sources "'self'" "$cidaas_origin" "$range_origin")"
export PASSWORD_SET_FORM_ACTION="$(unique_sources "'self'" "$cidaas_origin" $form_action_extra)"
export PASSWORD_SET_ASSET_LINKS="$asset_links"
export PASSWORD_SET_ACCESS_LOG="$access_log"
export NGINX_WORKER_PROCESSES="$worker_processes"
if [ "$brotli" = on ]; then
  export PASSWORD_SET_BROTLI_STATIC='brotli_static on;'
  brotli_module="load_module $modules_dir/ngx_http_brotli_static_module.so;"
else
  export PASSWORD_SET_BROTLI_STATIC='# brotli_static: off (PASSWORD_SET_BROTLI=off, the gzip-only variant)'
  brotli_module='# brotli: not loaded (PASSWORD_SET_BROTLI=off)'
fi
if [ "$headers_more" = on ]; then
  export PASSWORD_SET_SERVER_HEADER='server_tokens off; more_clear_headers Server;'
  headers_more_module="load_module $modules_dir/ngx_http_headers_more_filter_module.so;"
else
  export PASSWORD_SET_SERVER_HEADER='server_tokens off; # "Server: nginx", no version (PASSWORD_SET_HEADERS_MORE=off)'
  headers_more_module='# headers-more: not loaded (PASSWORD_SET_HEADERS_MORE=off)'
fi
export PASSWORD_SET_LOAD_MODULES="$brotli_module
$headers_more_module"

variables='${PASSWORD_SET_SITE_DIR} ${PASSWORD_SET_CONF_DIR} ${PASSWORD_SET_LISTEN} ${PASSWORD_SET_CONNECT_SRC} ${PASSWORD_SET_FORM_ACTION} ${PASSWORD_SET_ASSET_LINKS} ${PASSWORD_SET_ACCESS_LOG} ${NGINX_WORKER_PROCESSES} ${PASSWORD_SET_BROTLI_STATIC} ${PASSWORD_SET_SERVER_HEADER} ${PASSWORD_SET_LOAD_MODULES}'
for template in "$here"/*.conf.template; do
  name=$(basename "$template" .template)
  envsubst "$variables" <"$template" >"$out_dir/$name.tmp"
  mv "$out_dir/$name.tmp" "$out_dir/$name"
done

echo "render.sh: rendered into $out_dir (cidaas base URL: ${cidaas_base_url:-the page's own origin}; breached-password range API: ${range_base_url:-none}; form-action: $PASSWORD_SET_FORM_ACTION; brotli $brotli; headers-more $headers_more)"
