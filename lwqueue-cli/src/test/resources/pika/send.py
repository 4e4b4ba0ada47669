# The original exercise's sender, as pika users write it: one JSON message to the fanout exchange.
import json
import sys

import pika

url, exchange, username, message = sys.argv[1:5]
connection = pika.BlockingConnection(pika.URLParameters(url))
channel = connection.channel()
channel.exchange_declare(exchange=exchange, exchange_type="fanout")
channel.basic_publish(exchange=exchange, routing_key="", body=json.dumps({"username": username, "message": message}))
print(f"Sent {message}")
connection.close()
