#!/bin/sh
# The container's start: render the configuration and the page for this deployment (render.sh, from the
# environment), then run nginx in the foreground. Everything written goes to PASSWORD_SET_RUNTIME_DIR
# (a tmpfs when the root file system is read-only).
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
runtime_dir=${PASSWORD_SET_RUNTIME_DIR:-/tmp/password-set}
"$here/render.sh" "${PASSWORD_SET_SITE_DIR:-/usr/share/password-set/browser}" "$runtime_dir"
exec nginx -p "$runtime_dir" -c "$runtime_dir/nginx.conf" -e stderr
