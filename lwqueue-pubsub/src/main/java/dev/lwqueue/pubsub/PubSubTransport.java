package dev.lwqueue.pubsub;

import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.Topic;
import dev.lwqueue.core.Capabilities;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.PortableTransport;
import io.grpc.ManagedChannelProvider;

/** Opens the chat on Google Cloud Pub/Sub: the portable transport over a {@link PubSubDriver}. */
public final class PubSubTransport {

  /**
   * Pub/Sub takes up to 10 MB per message; keep room for the attributes, the ordering key and
   * the request's framing, which count against the same limit.
   */
  public static final int MAX_MESSAGE_BYTES = 10_000_000 - 8_192;

  /**
   * Pub/Sub cannot say whether a message reached anybody. Publisher order holds on subscriptions
   * with message ordering enabled, which lwqueue turns on for every subscription it creates.
   */
  public static final Capabilities CAPABILITIES = new Capabilities(false, true, true, MAX_MESSAGE_BYTES);

  private PubSubTransport() {}

  /**
   * Loads and initialises what {@link #connect} needs first, the slowest part of a one-shot
   * command's start-up on Pub/Sub: the API's protobuf descriptors, gRPC's channel provider (and
   * with it Netty) and the admin client's settings. For a caller with a spare core while it does
   * something else (the CLI, while it parses its command line); safe from any thread, any number
   * of times. java.util.logging should be routed first: gRPC logs through it.
   */
  public static void preload() {
    PubsubMessage.getDefaultInstance();
    Topic.getDefaultInstance();
    ManagedChannelProvider.provider();
    TopicAdminSettings.newBuilder();
  }

  /**
   * Connects, checks the topic and creates it when it is missing and the credentials allow it.
   * Fails within about the connect timeout with a one-line {@link dev.lwqueue.core.TransportException}.
   */
  public static ChatTransport connect(PubSubSettings settings) {
    return PortableTransport.open(events -> PubSubDriver.connect(settings, events));
  }
}
