# Production settings for a bench's servers (sourced, with PORT set): bench-only secrets, plain HTTP on loopback
# (localhost is a secure context, so Secure cookies and a service worker behave as they do over HTTPS), hashed,
# compressed, long-lived assets collected into build/bench-static.
export SAFEPLAN_PRODUCTION=true
export DJANGO_SECRET_KEY=bench-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz
export SAFEPLAN_AUDIT_KEY=bench-only-audit-key
export DJANGO_ALLOWED_HOSTS=localhost,127.0.0.1
export SAFEPLAN_SSL_REDIRECT=false
export SAFEPLAN_SITE_URL="http://localhost:${PORT}"
export SAFEPLAN_STATIC_ROOT="$PWD/build/bench-static"
rm -rf "$SAFEPLAN_STATIC_ROOT"
uv run safeplan collectstatic --no-input -v0
