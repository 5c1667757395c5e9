#!/usr/bin/env bash
# `make serve`: production on this machine, on loopback. nginx serves the frozen site (build/site)
# from the shipped deploy/nginx.conf, started with its own prefix (build/nginx), and passes `/` and
# `/<locale>/search/` to gunicorn (gunicorn.conf.py). Ctrl-C stops both.
#
#   SERVE_ADDRESS  where nginx listens (default 127.0.0.1:8080)
#   OSL_BIND       where gunicorn listens (default 127.0.0.1:8000, as in deploy/nginx.conf)
#
# The site is frozen again (`make freeze`) when app/, content/, static/ or translations/ changed
# since the last freeze done here. Works as root and as a normal user.
set -euo pipefail
cd "$(dirname "$0")/.."

address=${SERVE_ADDRESS:-127.0.0.1:8080}
app_address=${OSL_BIND:-127.0.0.1:8000}
site=build/site
prefix=build/nginx
stamp=$prefix/frozen.stamp
python=${OSL_PYTHON:-.venv/bin/python}

if ! nginx=$(command -v nginx || command -v /usr/sbin/nginx); then
  echo "serve: nginx is not installed: run \`make system-deps\` as root (Debian's nginx-light)" >&2
  exit 1
fi

mkdir -p "$prefix"
if [ ! -f "$site/sitemap.xml" ] || [ ! -f "$stamp" ] \
  || [ -n "$(find app content static translations -newer "$stamp" -print -quit)" ]; then
  echo "serve: freezing the site to $site"
  "${MAKE:-make}" --no-print-directory freeze
  touch "$stamp"
fi

conf=$("$python" deploy/local.py "$prefix" --root "$site" --listen "$address" --upstream "$app_address")
"$nginx" -t -q -p "$prefix" -c "$conf" -e stderr

gunicorn_pid="" nginx_pid=""
stop() {
  trap - EXIT INT TERM
  # nginx finishes the requests it has (QUIT), gunicorn too (TERM); then wait for both.
  [ -z "$nginx_pid" ] || kill -QUIT "$nginx_pid" 2>/dev/null || true
  [ -z "$gunicorn_pid" ] || kill -TERM "$gunicorn_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

OSL_BIND=$app_address "$python" -m gunicorn -c gunicorn.conf.py wsgi:app &
gunicorn_pid=$!
# Wait until gunicorn answers (it loads and checks every page first), or say why it could not.
host=${app_address%:*} port=${app_address##*:}
for _ in $(seq 600); do
  if ! kill -0 "$gunicorn_pid" 2>/dev/null; then
    echo "serve: gunicorn did not start (see above)" >&2
    exit 1
  fi
  (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null && break
  sleep 0.1
done

"$nginx" -p "$prefix" -c "$conf" -e stderr -g 'daemon off;' &
nginx_pid=$!

echo "serve: http://$address/ (nginx: $site; / and search: gunicorn at $app_address)"
echo "serve: access log $prefix/logs/access.log; Ctrl-C stops both"
# Until either stops (or Ctrl-C): then stop the other.
wait -n "$gunicorn_pid" "$nginx_pid" || true
