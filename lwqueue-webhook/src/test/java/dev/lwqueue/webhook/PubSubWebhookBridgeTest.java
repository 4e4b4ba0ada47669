package dev.lwqueue.webhook;

import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.work.WorkQueues;
import dev.lwqueue.pubsub.PubSubEmulator;
import dev.lwqueue.pubsub.PubSubTransport;
import dev.lwqueue.pubsub.PubSubWorkQueues;

/** The webhook bridge on the Pub/Sub emulator: a named subscription, a dead-letter topic. */
class PubSubWebhookBridgeTest extends WebhookBridgeContract {

  @Override
  protected ChatTransport room() {
    return PubSubTransport.connect(PubSubEmulator.settings(name));
  }

  @Override
  protected WorkQueues workQueues() {
    return PubSubWorkQueues.connect(PubSubEmulator.settings(name));
  }

  @Override
  protected void cleanUp() {
    PubSubEmulator.deleteTopic(PubSubWorkQueues.deadLetterName(name));
    PubSubEmulator.deleteTopic(PubSubWorkQueues.replayName(name));
    PubSubEmulator.deleteTopic(name);
  }
}
