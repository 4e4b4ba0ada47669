package dev.lwqueue.cli;

/** The brokers lwqueue speaks to; picocli shows and parses them in lower case. */
public enum Backend {
  rabbitmq,
  pubsub
}
