# A subscriber as the RabbitMQ tutorial ("Publish/Subscribe") and the original exercise write it:
# a temporary exclusive queue bound to the fanout exchange, auto-ack, one print per message.
# Usage: pika_receive.py URL EXCHANGE    (prints the waiting line, then "Received <body>" lines)
import sys

import pika

url, exchange = sys.argv[1], sys.argv[2]
connection = pika.BlockingConnection(pika.URLParameters(url))
channel = connection.channel()
channel.exchange_declare(exchange=exchange, exchange_type="fanout")
result = channel.queue_declare(queue="", exclusive=True)
queue_name = result.method.queue
channel.queue_bind(exchange=exchange, queue=queue_name)
print(" [*] Waiting for messages. To exit press CTRL+C", flush=True)


def callback(ch, method, properties, body):
    print(f"Received {body.decode()}")


channel.basic_consume(queue=queue_name, on_message_callback=callback, auto_ack=True)
channel.start_consuming()
