# The original exercise's consumer: a temporary exclusive queue bound to the fanout exchange.
# Prints READY once bound, then each received message as its decoded JSON, and exits after N.
import json
import sys

import pika

url, exchange, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
connection = pika.BlockingConnection(pika.URLParameters(url))
channel = connection.channel()
channel.exchange_declare(exchange=exchange, exchange_type="fanout")
queue = channel.queue_declare(queue="", exclusive=True).method.queue
channel.queue_bind(exchange=exchange, queue=queue)
print("READY", flush=True)
seen = 0
for method, properties, body in channel.consume(queue, auto_ack=True, inactivity_timeout=30):
    if method is None:
        sys.exit("timed out waiting for messages")
    decoded = json.loads(body)
    print(json.dumps({"username": decoded["username"], "message": decoded["message"]}, ensure_ascii=False), flush=True)
    seen += 1
    if seen >= count:
        break
connection.close()
