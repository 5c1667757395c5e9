"""gunicorn settings for production (deploy/nginx.conf, `make serve`).

nginx serves the frozen site and sends gunicorn only `/` (a redirect chosen by Accept-Language) and
`/<locale>/search/` (search without JavaScript): small answers, a few milliseconds of work each.
nginx buffers requests and responses, so slow clients wait on nginx, never on a worker.

Privacy: the access log records when, which page (path only, never the query string), the status,
the size and the time taken. Never the client address, user agent, referrer or search words.
"""

import os

# Loopback only: nginx is the one way in.
bind = os.environ.get("OSL_BIND", "127.0.0.1:8000")
# The work is CPU (an in-memory SQLite search): one process per core, two threads each, so a
# redirect is not kept waiting behind a search, and nginx can keep connections alive.
workers = int(os.environ.get("OSL_WORKERS", os.cpu_count() or 2))
worker_class = "gthread"
threads = int(os.environ.get("OSL_THREADS", 2))
# Load and validate the content once, in the master: broken content stops the start-up there
# (create_app raises), and the workers share the loaded site copy-on-write.
preload_app = True
# A search takes milliseconds; a worker busy for seconds is stuck, so restart it.
timeout = 10
graceful_timeout = 10
# nginx keeps up to 8 idle connections open (upstream keepalive); keep them a little while.
keepalive = 5
# Reject oversized request lines and headers with a 4xx before the app sees them.
limit_request_line = 4094
limit_request_fields = 64
limit_request_field_size = 8190

accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = "warning"
# The app never needs a client address; only nginx on loopback is trusted for the scheme.
forwarded_allow_ips = os.environ.get("OSL_FORWARDED_ALLOW_IPS", "127.0.0.1")
proxy_allow_ips = forwarded_allow_ips
