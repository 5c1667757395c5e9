"""gunicorn settings for production (`make serve`, deploy/).

Privacy: the access log records when, which page (path only, never the query string), the status,
the size and the time taken. Never the client address, user agent, referrer or search words.
"""

import os

bind = os.environ.get("OSL_BIND", "127.0.0.1:8000")
# Pages are served from memory, so the work per request is small: one process per core, a few
# threads each to overlap slow clients.
workers = int(os.environ.get("OSL_WORKERS", os.cpu_count() or 2))
worker_class = "gthread"
threads = int(os.environ.get("OSL_THREADS", 4))
# Load content and render every page once in the master; workers share the bytes copy-on-write.
preload_app = True
timeout = 30
graceful_timeout = 10
keepalive = 5
# Reject oversized request lines and headers with a 4xx before the app sees them.
limit_request_line = 4094
limit_request_fields = 64
limit_request_field_size = 8190

accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = "warning"
# The app never needs a client address; behind nginx only the proxy is trusted for the scheme.
forwarded_allow_ips = os.environ.get("OSL_FORWARDED_ALLOW_IPS", "127.0.0.1")
proxy_allow_ips = forwarded_allow_ips
