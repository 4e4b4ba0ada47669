package dev.lwqueue.pubsub;

import com.google.api.core.ApiFunction;
import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.FixedExecutorProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.api.gax.rpc.UnaryCallSettings;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import dev.lwqueue.core.TransportException;
import dev.lwqueue.core.TransportException.Kind;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.okhttp.OkHttpChannelBuilder;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The Google client plumbing one transport shares: channel, credentials, project and the two admin
 * clients. The Java client does not read {@code PUBSUB_EMULATOR_HOST} by itself, so for the
 * emulator this builds the plaintext channel without credentials that the emulator expects.
 *
 * <p>One small executor serves the admin clients, the publisher and the emulator channel's
 * callbacks: left to their defaults, each admin client starts a pool of its own and gRPC a cached
 * one, a dozen threads that a chat with one message in flight never keeps busy (an idle
 * subscriber held 25 threads and 99 MB resident).
 */
final class PubSubClients implements AutoCloseable {

  /** Admin calls (create, delete, get) on Google Cloud take a second or two; give them room. */
  static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  final PubSubSettings settings;
  final String project;
  final TransportChannelProvider channelProvider;
  final CredentialsProvider credentialsProvider;
  final TopicAdminClient topics;
  /**
   * Built on first use: its settings (two dozen methods, each with retry and timeout settings)
   * are a tenth of a one-shot Pub/Sub {@code send-message}'s start-up, and a send never uses it.
   */
  private final Supplier<SubscriptionAdminSettings> subscriptionSettings;
  private SubscriptionAdminClient subscriptions; // guarded by this
  /** Background work of every client of this transport: retries, batching, callbacks. */
  final ScheduledExecutorService executor;
  private final ManagedChannel emulatorChannel;

  private PubSubClients(
      PubSubSettings settings,
      String project,
      TransportChannelProvider channelProvider,
      CredentialsProvider credentialsProvider,
      ScheduledExecutorService executor,
      ManagedChannel emulatorChannel)
      throws IOException {
    this.executor = executor;
    this.settings = settings;
    this.project = project;
    this.channelProvider = channelProvider;
    this.credentialsProvider = credentialsProvider;
    this.emulatorChannel = emulatorChannel;
    RetrySettings adminRetry = RetrySettings.newBuilder().setLogicalTimeout(ADMIN_TIMEOUT).build();
    ApiFunction<UnaryCallSettings.Builder<?, ?>, Void> withAdminRetry = method -> {
      method.setRetrySettings(adminRetry);
      return null;
    };
    TopicAdminSettings.Builder topicSettings =
        TopicAdminSettings.newBuilder()
            .setTransportChannelProvider(channelProvider)
            .setCredentialsProvider(credentialsProvider)
            .setBackgroundExecutorProvider(FixedExecutorProvider.create(executor))
            .applyToAllUnaryMethods(withAdminRetry);
    this.subscriptionSettings = () -> {
      try {
        return SubscriptionAdminSettings.newBuilder()
            .setTransportChannelProvider(channelProvider)
            .setCredentialsProvider(credentialsProvider)
            .setBackgroundExecutorProvider(FixedExecutorProvider.create(executor))
            .applyToAllUnaryMethods(withAdminRetry)
            .build();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    this.topics = TopicAdminClient.create(topicSettings.build());
  }

  /** The subscription admin client: subscriptions, pulls, acknowledgements. */
  synchronized SubscriptionAdminClient subscriptions() {
    if (subscriptions == null) {
      try {
        subscriptions = SubscriptionAdminClient.create(subscriptionSettings.get());
      } catch (IOException | UncheckedIOException e) {
        throw PubSubErrors.of(e, "open a client for " + settings.endpoint(), settings);
      }
    }
    return subscriptions;
  }

  /** Loads credentials and builds the clients; nothing goes over the network yet. */
  static PubSubClients open(PubSubSettings settings) {
    ScheduledExecutorService executor = Executors.newScheduledThreadPool(2,
        new ThreadFactoryBuilder().setNameFormat("lwqueue-pubsub-%d").setDaemon(true).build());
    try {
      return open(settings, executor);
    } catch (RuntimeException e) {
      executor.shutdownNow();
      throw e;
    }
  }

  private static PubSubClients open(PubSubSettings settings, ScheduledExecutorService executor) {
    if (settings.usesEmulator()) {
      String project = settings.project() != null ? settings.project() : PubSubSettings.EMULATOR_DEFAULT_PROJECT;
      // gRPC's default 4 MiB inbound limit is below Pub/Sub's 10 MB messages; Google's own channels lift it too.
      // No retries by gRPC itself (googleChannelProvider says why).
      ManagedChannel channel = OkHttpChannelBuilder.forTarget(settings.emulatorHost())
          .usePlaintext()
          .disableRetry()
          .maxInboundMessageSize(Integer.MAX_VALUE)
          .executor(executor)
          .build();
      try {
        return new PubSubClients(settings, project,
            FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)),
            NoCredentialsProvider.create(), executor, channel);
      } catch (IOException | RuntimeException e) {
        channel.shutdownNow();
        throw PubSubErrors.of(e, "open a client for " + settings.endpoint(), settings);
      }
    }
    GoogleCredentials credentials = loadCredentials(settings.credentialsFile());
    String project = settings.project();
    if (project == null && credentials instanceof ServiceAccountCredentials sa) {
      project = sa.getProjectId();
    }
    if (project == null || project.isBlank()) {
      throw new TransportException(Kind.BAD_CONFIGURATION,
          "no Google Cloud project: give --project or set GOOGLE_CLOUD_PROJECT (or PROJECT_ID)");
    }
    try {
      return new PubSubClients(settings, project,
          googleChannelProvider(executor),
          FixedCredentialsProvider.create(credentials.createScoped(TopicAdminSettings.getDefaultServiceScopes())),
          executor, null);
    } catch (IOException | RuntimeException e) {
      throw PubSubErrors.of(e, "open a client for " + settings.endpoint(), settings);
    }
  }

  /**
   * The channel to Google Cloud: gax's, with TLS, keep-alive, the API's headers and endpoint. gax
   * builds it with {@code ManagedChannelBuilder.forAddress}, which takes the transport found on the
   * class path: gRPC's OkHttp (on the JDK's sockets and TLS), the only one lwqueue ships.
   *
   * <p>Without gRPC's own retries: gax retries what should be retried, and gRPC's OkHttp counts
   * every call on a connection that drops as never sent, so gRPC would quietly repeat a pull on a
   * new connection and the subscriber would never report the connection lost (Netty reported it).
   */
  static InstantiatingGrpcChannelProvider googleChannelProvider(ScheduledExecutorService executor) {
    return TopicAdminSettings.defaultGrpcTransportProviderBuilder()
        .setExecutor(executor)
        .setChannelConfigurator(ManagedChannelBuilder::disableRetry)
        .build();
  }

  /**
   * A service-account key from the file, or application default credentials. Only a
   * service-account key is accepted from a file: it is what the publisher and subscriber
   * accounts of the course hand out, and other credential types in a file are a common mistake.
   */
  static GoogleCredentials loadCredentials(Path keyFile) {
    if (keyFile == null) {
      try {
        return GoogleCredentials.getApplicationDefault();
      } catch (IOException e) {
        throw new TransportException(Kind.BAD_CONFIGURATION,
            "no Google credentials: give --credentials KEY.json, set GOOGLE_APPLICATION_CREDENTIALS, run "
                + "'gcloud auth application-default login', or use the emulator (--emulator-host)", e);
      }
    }
    try (InputStream in = Files.newInputStream(keyFile)) {
      return ServiceAccountCredentials.fromStream(in);
    } catch (NoSuchFileException e) {
      throw new TransportException(Kind.BAD_CONFIGURATION, "key file " + keyFile + " does not exist", e);
    } catch (AccessDeniedException e) {
      throw new TransportException(Kind.BAD_CONFIGURATION, "key file " + keyFile + " is not readable", e);
    } catch (IOException | RuntimeException e) {
      throw new TransportException(Kind.BAD_CONFIGURATION,
          "key file " + keyFile + " is not a service-account JSON key (" + keyProblem(e)
              + "): create one with 'gcloud iam service-accounts keys create KEY.json --iam-account ACCOUNT'", e);
    }
  }

  private static String keyProblem(Exception e) {
    String message = PubSubErrors.oneLine(e.getMessage());
    if (e.getClass().getName().contains("gson") || message.contains("JsonReader") || message.contains("malformed")) {
      return "it is not JSON";
    }
    return message.isEmpty() ? "it is not a JSON object with a service account's fields" : message;
  }

  @Override
  public void close() {
    SubscriptionAdminClient subscriptionClient;
    synchronized (this) {
      subscriptionClient = subscriptions;
    }
    topics.close();
    if (subscriptionClient != null) {
      subscriptionClient.close();
    }
    try {
      topics.awaitTermination(2, TimeUnit.SECONDS);
      if (subscriptionClient != null) {
        subscriptionClient.awaitTermination(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (emulatorChannel != null) {
      emulatorChannel.shutdown();
      try {
        if (!emulatorChannel.awaitTermination(2, TimeUnit.SECONDS)) {
          emulatorChannel.shutdownNow();
        }
      } catch (InterruptedException e) {
        emulatorChannel.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    executor.shutdownNow();
  }
}
