# The Halqa UI (Streamlit), for docker-compose.yml. Build: docker build -t halqa .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false

RUN useradd --create-home --uid 10001 halqa \
    && mkdir -p /var/lib/halqa \
    && chown halqa:halqa /var/lib/halqa

WORKDIR /app
COPY . /app
RUN pip install . && rm -rf /app/build

USER halqa
ENV HALQA_DATA_DIR=/var/lib/halqa
VOLUME ["/var/lib/halqa"]
EXPOSE 8501

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"

CMD ["halqa", "ui", "--host", "0.0.0.0", "--port", "8501"]
