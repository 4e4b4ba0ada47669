package dev.lwqueue.pubsub;

import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.pubsub.v1.GetTopicRequest;
import com.google.pubsub.v1.PublishRequest;
import com.google.pubsub.v1.PublishResponse;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.Topic;
import com.google.pubsub.v1.TopicName;
import dev.lwqueue.core.Capabilities;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.PortableTransport;
import io.grpc.okhttp.OkHttpChannelBuilder;

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
   * Loads and initialises what {@link #connect} and a first publish need, the slowest part of a
   * one-shot command on Pub/Sub: the API's protobuf messages (a first call serialises a request
   * and parses a response: about 100 ms the first time, measured), gRPC's channel (and with it
   * its OkHttp transport and the JDK's TLS) and the admin client's settings. Nothing connects: the
   * channel is built for an address nobody listens on and shut down unused. For a caller with a
   * spare core while it does something else (the CLI, while it parses its command line); safe from
   * any thread, any number of times.
   * java.util.logging should be routed first: gRPC logs through it.
   */
  public static void preload() {
    // The channel first: building gRPC's OkHttp channel, plaintext or not, sets up the JDK's TLS
    // (its default SSL context and trust store), the costliest step here and the first the
    // command's own thread meets when it opens the transport.
    OkHttpChannelBuilder.forTarget("127.0.0.1:1").usePlaintext().build().shutdownNow();
    TopicAdminSettings.newBuilder();
    PublishRequest publish = PublishRequest.newBuilder()
        .setTopic(TopicName.of("preload", "preload").toString())
        .addMessages(PubsubMessage.newBuilder()
            .setData(ByteString.copyFromUtf8("{}"))
            .setOrderingKey("preload")
            .putAttributes("preload", "preload"))
        .build();
    roundTrip(publish, PublishRequest.parser());
    roundTrip(PublishResponse.newBuilder().addMessageIds("1").build(), PublishResponse.parser());
    roundTrip(GetTopicRequest.newBuilder().setTopic(publish.getTopic()).build(), GetTopicRequest.parser());
    roundTrip(Topic.newBuilder().setName(publish.getTopic()).build(), Topic.parser());
  }

  private static <M extends Message> void roundTrip(M message, Parser<M> parser) {
    try {
      parser.parseFrom(message.toByteArray());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("protobuf cannot read what it wrote", e);
    }
  }

  /**
   * Connects, checks the topic and creates it when it is missing and the credentials allow it.
   * Fails within about the connect timeout with a one-line {@link dev.lwqueue.core.TransportException}.
   */
  public static ChatTransport connect(PubSubSettings settings) {
    return PortableTransport.open(events -> PubSubDriver.connect(settings, events));
  }
}
