# TwoKey: `twokey serve` in a small image, run as a non-root user.
#   docker build -t twokey .
#   docker run --env-file twokey.env -v "$PWD/twokey.yml:/etc/twokey/twokey.yml:ro" -p 8080:8080 twokey
# Needs SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN), TWOKEY_SECRET_KEY and
# TWOKEY_DATABASE_URL (PostgreSQL as soon as there is more than one replica).

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY client ./client
COPY pyproject.toml README.md LICENSE ./
COPY bot ./bot
COPY core ./core
COPY storage ./storage
# The light client first: the server depends on it and it is not on PyPI.
RUN python -m venv /opt/twokey \
 && /opt/twokey/bin/pip install ./client \
 && /opt/twokey/bin/pip install . \
 && find /opt/twokey -name "__pycache__" -type d -prune -exec rm -rf {} +

FROM python:3.11-slim
ENV PATH=/opt/twokey/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    TWOKEY_CONFIG=/etc/twokey/twokey.yml \
    TWOKEY_LOG_LEVEL=INFO
RUN useradd --system --uid 10001 --home-dir /var/lib/twokey --create-home twokey
COPY --from=build /opt/twokey /opt/twokey
USER 10001
WORKDIR /var/lib/twokey
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=2)"]
ENTRYPOINT ["twokey"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080"]
