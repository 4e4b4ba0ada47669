package dev.lwqueue.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.core.FixedExecutorProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcCallContext;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.pubsub.v1.GetTopicRequest;
import io.grpc.ForwardingChannelBuilder2;
import io.grpc.ManagedChannelBuilder;
import io.grpc.ManagedChannelProvider;
import io.grpc.okhttp.OkHttpChannelBuilder;
import io.grpc.okhttp.OkHttpChannelProvider;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Google Cloud path, which cannot reach Google here: the clients open from a service-account
 * key without the network, and gax's channel runs on gRPC's OkHttp transport and speaks TLS with
 * HTTP/2 (ALPN "h2") over the JDK's TLS, as Google's endpoints require. gRPC's Netty is not
 * shipped: a channel that quietly fell back to it, or went out in plaintext, fails here.
 */
class GoogleChannelTest {

  private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(1);

  @AfterEach
  void stopExecutor() {
    executor.shutdownNow();
  }

  @Test
  void grpcOkHttpIsTheOnlyTransportOnTheClassPath() {
    assertThat(ManagedChannelProvider.provider()).isInstanceOf(OkHttpChannelProvider.class);
    assertThatThrownBy(() -> Class.forName("io.grpc.netty.shaded.io.grpc.netty.NettyChannelProvider"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  /** gax retries; gRPC's OkHttp would repeat a pull on a dropped connection without a word. */
  @Test
  void gRpcDoesNotRetryOnItsOwnOnTheGoogleChannel() {
    class Recording extends ForwardingChannelBuilder2<Recording> {
      final ManagedChannelBuilder<?> delegate = OkHttpChannelBuilder.forTarget("pubsub.googleapis.com:443");
      boolean retryDisabled;

      @Override
      protected ManagedChannelBuilder<?> delegate() {
        return delegate;
      }

      @Override
      public Recording disableRetry() {
        retryDisabled = true;
        return super.disableRetry();
      }
    }
    Recording builder = new Recording();
    PubSubClients.googleChannelProvider(executor).toBuilder().getChannelConfigurator().apply(builder);
    assertThat(builder.retryDisabled).isTrue();
  }

  @Test
  void aServiceAccountKeyOpensTheClientsWithoutTheNetwork(@TempDir Path dir) throws Exception {
    Path key = serviceAccountKey(dir, "lwqueue-key-project");
    try (PubSubClients clients = PubSubClients.open(PubSubSettings.cloud(null, key))) {
      assertThat(clients.project).isEqualTo("lwqueue-key-project");
      assertThat(clients.channelProvider).isInstanceOf(InstantiatingGrpcChannelProvider.class);
      assertThat(clients.topics.getSettings().getEndpoint()).isEqualTo("pubsub.googleapis.com:443");
      assertThat(clients.subscriptions().getSettings().getTransportChannelProvider())
          .isSameAs(clients.channelProvider);
    }
  }

  @Test
  void theGoogleChannelOpensWithATlsClientHelloOfferingHttp2() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // Takes the client's first bytes, then hangs up: the handshake fails, the call with it.
      CompletableFuture<byte[]> firstBytes = CompletableFuture.supplyAsync(() -> {
        try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
          socket.setSoTimeout(10_000);
          ByteArrayOutputStream read = new ByteArrayOutputStream();
          byte[] buffer = new byte[4096];
          // A TLS record: type, version (2 bytes), length (2 bytes), then that many bytes.
          while (read.size() < 5 || read.size() < 5 + recordLength(read.toByteArray())) {
            int n = in.read(buffer);
            if (n < 0) {
              break;
            }
            read.write(buffer, 0, n);
          }
          return read.toByteArray();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      TopicAdminSettings settings = TopicAdminSettings.newBuilder()
          .setTransportChannelProvider(PubSubClients.googleChannelProvider(executor))
          .setCredentialsProvider(NoCredentialsProvider.create())
          .setBackgroundExecutorProvider(FixedExecutorProvider.create(executor))
          .setEndpoint("localhost:" + server.getLocalPort())
          .build();
      try (TopicAdminClient topics = TopicAdminClient.create(settings)) {
        GrpcCallContext once = GrpcCallContext.createDefault().withRetrySettings(
            RetrySettings.newBuilder().setLogicalTimeout(Duration.ofSeconds(10)).setMaxAttempts(1).build());
        GetTopicRequest request = GetTopicRequest.newBuilder().setTopic("projects/p/topics/t").build();
        assertThatThrownBy(() -> topics.getTopicCallable().call(request, once))
            .isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.UNAVAILABLE));
        topics.shutdownNow();
        topics.awaitTermination(5, TimeUnit.SECONDS);
      }
      byte[] hello = firstBytes.get(10, TimeUnit.SECONDS);
      assertThat(hello.length).isGreaterThan(5);
      assertThat(hello[0]).as("a TLS handshake record, not an HTTP/2 preface in plaintext").isEqualTo((byte) 0x16);
      assertThat(hello[5]).as("a ClientHello").isEqualTo((byte) 0x01);
      // The ALPN extension's protocol list: length-prefixed "h2".
      assertThat(new String(hello, StandardCharsets.ISO_8859_1)).contains("\u0002h2");
    }
  }

  private static int recordLength(byte[] header) {
    return ((header[3] & 0xff) << 8) | (header[4] & 0xff);
  }

  /** A service-account key as Google hands them out, with a key made up here. */
  static Path serviceAccountKey(Path dir, String project) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String pem = "-----BEGIN PRIVATE KEY-----\\n"
        + Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
        + "\\n-----END PRIVATE KEY-----\\n";
    String json = "{\"type\": \"service_account\", \"project_id\": \"" + project + "\", \"private_key_id\": \"1\","
        + " \"private_key\": \"" + pem + "\", \"client_email\": \"chat@" + project + ".iam.gserviceaccount.com\","
        + " \"client_id\": \"1\", \"token_uri\": \"https://oauth2.googleapis.com/token\"}";
    return Files.writeString(dir.resolve("key.json"), json);
  }
}
