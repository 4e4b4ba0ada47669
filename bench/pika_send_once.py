# The original exercise's sender: connect, declare the fanout exchange, publish one JSON message.
# Usage: pika_send_once.py URL EXCHANGE
import json
import sys

import pika

url, exchange = sys.argv[1], sys.argv[2]
connection = pika.BlockingConnection(pika.URLParameters(url))
channel = connection.channel()
channel.exchange_declare(exchange=exchange, exchange_type="fanout")
channel.basic_publish(exchange=exchange, routing_key="", body=json.dumps({"username": "bench", "message": "hi"}))
print("Sent hi")
connection.close()
