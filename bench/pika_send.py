# A publisher as the tutorial writes it, in a loop: N messages, no confirms (pika's
# BlockingConnection waits for a round trip per message with confirms, which nobody does in a loop).
# Usage: pika_send.py URL EXCHANGE N BODY_FILE   (prints "<messages/s> <messages> <seconds>")
import sys
import time

import pika

url, exchange, count, body_file = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
body = open(body_file, "rb").read()
connection = pika.BlockingConnection(pika.URLParameters(url))
channel = connection.channel()
channel.exchange_declare(exchange=exchange, exchange_type="fanout")
start = time.monotonic()
for _ in range(count):
    channel.basic_publish(exchange=exchange, routing_key="", body=body)
elapsed = time.monotonic() - start
connection.close()
print(f"{count / elapsed:.0f} {count} {elapsed:.3f}")
