# lwqueue: the README's two commands are `make chat USERNAME=you` and `make test`.
MVN      ?= mvn -B
USERNAME ?= $(USER)
MESSAGE  ?= hello, room
MODE     ?= simple

.PHONY: help build test test-dedicated-node services chat subscribe send compare up down clean bench-pubsub bench-archive bench-webhook

help:
	@echo "make chat USERNAME=you   build, make sure RabbitMQ runs, and open the chat"
	@echo "make test                make sure the services run, then build and run every test"
	@echo "make test-dedicated-node the tests that restart a RabbitMQ node of their own (part of make test)"
	@echo "make build               build lwqueue-cli/target/lwqueue.jar"
	@echo "make subscribe MODE=…    subscribe (print, simple, rich)"
	@echo "make send USERNAME=… MESSAGE=…"
	@echo "make compare             lwqueue against PerfTest, pika and amqp-publish (README, Performance)"
	@echo "make up / make down      RabbitMQ in Docker (docker compose)"
	@echo "make bench-pubsub        Pub/Sub emulator: lwqueue vs the bare Google client (latency, throughput)"
	@echo "make bench-archive       archive throughput into DuckDB and PostgreSQL, stats over 1,000,000 rows"
	@echo "make bench-webhook       webhook: delivered msg/s to a fast and a 50 ms receiver, 1/10/100 in flight"

build:
	$(MVN) -q install -DskipTests

services:
	scripts/ensure-services.sh --with-management

test: services
	LWQUEUE_TEST_AMQP_URI="$${LWQUEUE_TEST_AMQP_URI:-amqp://guest:guest@127.0.0.1:5672/}" $(MVN) verify
	$(MAKE) test-dedicated-node

# Tests tagged dedicated-node start, restart and stop RabbitMQ nodes of their own (ports 5681-5683,
# 25682-25683), so they run in a phase of their own, after the tests on the shared broker.
test-dedicated-node:
	LWQUEUE_TEST_AMQP_URI="$${LWQUEUE_TEST_AMQP_URI:-amqp://guest:guest@127.0.0.1:5672/}" \
	  $(MVN) -Pdedicated-node -pl lwqueue-rabbitmq,lwqueue-cli -am test

chat: services
	./lwqueue chat --username "$(USERNAME)"

subscribe: services
	./lwqueue subscribe --mode $(MODE)

send:
	./lwqueue send-message --username "$(USERNAME)" --message "$(MESSAGE)"

compare: services
	bench/compare.sh

up:
	@[ -f .env ] || cp .env.template .env
	docker compose up -d

down:
	docker compose down

# The emulator comes from the tests' locator: LWQUEUE_TEST_PUBSUB_EMULATOR_HOST, else the installed jar.
bench-pubsub: build
	$(MVN) -q -pl lwqueue-pubsub test-compile exec:java -Dexec.classpathScope=test \
	    -Dexec.mainClass=dev.lwqueue.pubsub.PubSubBenchmark

# Needs the local RabbitMQ and PostgreSQL (127.0.0.1:5432, trust auth; LWQUEUE_TEST_POSTGRES to change).
# Arguments: FLOOD messages through the broker, STATS_ROWS rows for the stats timing.
FLOOD      ?= 200000
STATS_ROWS ?= 1000000
bench-archive: services build
	LWQUEUE_TEST_AMQP_URI="$${LWQUEUE_TEST_AMQP_URI:-amqp://guest:guest@127.0.0.1:5672/}" \
	  $(MVN) -q -pl lwqueue-cli test-compile exec:java -Dexec.classpathScope=test \
	    -Dexec.mainClass=dev.lwqueue.cli.ArchiveBenchmark -Dexec.args="$(FLOOD) $(STATS_ROWS)"
# The webhook bridge's pace on the local RabbitMQ (the tests' broker locator) to a receiver of its own.
bench-webhook: build services
	LWQUEUE_TEST_AMQP_URI="$${LWQUEUE_TEST_AMQP_URI:-amqp://guest:guest@127.0.0.1:5672/}" \
	  $(MVN) -q -pl lwqueue-webhook test-compile exec:java -Dexec.classpathScope=test \
	    -Dexec.mainClass=dev.lwqueue.webhook.WebhookBenchmark

clean:
	$(MVN) -q clean
