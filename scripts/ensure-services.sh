#!/usr/bin/env bash
# Makes sure the services lwqueue's chat and tests need are up, using what this machine has:
# a local RabbitMQ (Debian package) if installed, else Docker Compose. Idempotent.
# Usage: scripts/ensure-services.sh [--with-management]
set -euo pipefail

want_management=false
[[ "${1:-}" == "--with-management" ]] && want_management=true

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for_port() {
  local port=$1 what=$2
  for _ in $(seq 1 60); do
    port_open "$port" && return 0
    sleep 1
  done
  echo "ensure-services: $what did not come up on port $port within 60 s" >&2
  return 1
}

if command -v rabbitmq-server >/dev/null 2>&1; then
  if ! port_open 5672; then
    echo "ensure-services: starting the local RabbitMQ" >&2
    rabbitmq-server -detached
    wait_for_port 5672 RabbitMQ
  fi
  if $want_management && ! port_open 15672; then
    rabbitmq-plugins enable --quiet rabbitmq_management >/dev/null
    wait_for_port 15672 "RabbitMQ management"
  fi
elif ! port_open 5672; then
  if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
    echo "ensure-services: starting RabbitMQ with docker compose" >&2
    [[ -f .env ]] || cp .env.template .env
    docker compose up -d rabbitmq
    wait_for_port 5672 RabbitMQ
    wait_for_port 15672 "RabbitMQ management"
  else
    echo "ensure-services: no RabbitMQ on 127.0.0.1:5672, none installed, and no Docker to start one." >&2
    echo "  Install RabbitMQ (apt-get install rabbitmq-server) or Docker, or point lwqueue at a broker with --host/--url." >&2
    exit 1
  fi
fi
