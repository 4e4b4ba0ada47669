package dev.lwqueue.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.lwqueue.core.TransportException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Google Cloud path, which cannot reach Google here: the client opens from a service-account
 * key without the network, goes to Pub/Sub's HTTPS endpoint, and authorizes every call with a
 * bearer token the key signed for the Pub/Sub scope. A local HTTPS server stands in for Google.
 */
class GoogleCloudPathTest {

  private static final char[] STORE_PASSWORD = "changeit".toCharArray();

  @Test
  void aServiceAccountKeyOpensTheClientForGooglesHttpsEndpointWithoutTheNetwork(@TempDir Path dir) throws Exception {
    Path key = serviceAccountKey(dir, "lwqueue-key-project", generateKeys());
    try (PubSubClients clients = PubSubClients.open(PubSubSettings.cloud(null, key))) {
      assertThat(clients.project).isEqualTo("lwqueue-key-project");
      assertThat(clients.rest.endpoint()).isEqualTo(URI.create("https://pubsub.googleapis.com/"));
    }
  }

  @Test
  void googleCloudIsReachedOverHttpsOnly() {
    assertThatThrownBy(() -> PubSubRest.https(URI.create("http://pubsub.googleapis.com/"), null,
        RequestAuthorizer.NONE, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void callsGoOverTlsWithABearerTokenTheKeySignedForThePubSubScope(@TempDir Path dir) throws Exception {
    KeyPair keys = generateKeys();
    Path key = serviceAccountKey(dir, "lwqueue-key-project", keys);
    KeyStore store = selfSignedStore(dir);
    List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverContext(store)));
    server.createContext("/", exchange -> {
      requests.add(Map.of("method", exchange.getRequestMethod(), "path", exchange.getRequestURI().getRawPath(),
          "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"))));
      byte[] body = "{\"name\": \"projects/lwqueue-key-project/topics/chat\"}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("content-type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    try {
      URI endpoint = URI.create("https://localhost:" + server.getAddress().getPort() + "/");
      try (PubSubClients clients = PubSubClients.open(PubSubSettings.cloud(null, key), endpoint, clientContext(store))) {
        assertThat(PubSubDriver.ensureTopic(clients, new TopicPath(clients.project, "chat"))).isFalse();
      }
    } finally {
      server.stop(0);
    }

    assertThat(requests).hasSize(1);
    assertThat(requests.get(0)).containsEntry("method", "GET")
        .containsEntry("path", "/v1/projects/lwqueue-key-project/topics/chat");
    String authorization = requests.get(0).get("authorization");
    assertThat(authorization).startsWith("Bearer ");
    String[] jwt = authorization.substring("Bearer ".length()).split("\\.");
    assertThat(jwt).hasSize(3);
    JsonNode claims = PubSubRest.JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
    assertThat(claims.path("scope").asText()).isEqualTo("https://www.googleapis.com/auth/pubsub");
    assertThat(claims.path("iss").asText()).isEqualTo("chat@lwqueue-key-project.iam.gserviceaccount.com");
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(keys.getPublic());
    rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))).as("signed by the key file's key").isTrue();
  }

  /** The JDK's client takes the JVM's proxy settings by itself (gRPC honoured them too): kept so. */
  @Test
  void googleCloudIsReachedThroughTheJvmsProxy(@TempDir Path dir) throws Exception {
    Path key = serviceAccountKey(dir, "lwqueue-key-project", generateKeys());
    try (ServerSocket proxy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // Reads what the client asks the proxy, then hangs up: the call fails, having shown where it went.
      CompletableFuture<String> asked = CompletableFuture.supplyAsync(() -> {
        try (Socket socket = proxy.accept()) {
          socket.setSoTimeout(10_000);
          return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      ProxySelector before = ProxySelector.getDefault();
      ProxySelector.setDefault(ProxySelector.of((InetSocketAddress) proxy.getLocalSocketAddress()));
      PubSubSettings settings = PubSubSettings.cloud(null, key).withConnectTimeout(Duration.ofSeconds(5));
      try (PubSubClients clients = PubSubClients.open(settings)) {
        assertThatThrownBy(() -> PubSubDriver.ensureTopic(clients, new TopicPath(clients.project, "chat")))
            .isInstanceOf(TransportException.class);
      } finally {
        ProxySelector.setDefault(before);
      }
      assertThat(asked.get(10, TimeUnit.SECONDS)).isEqualTo("CONNECT pubsub.googleapis.com:443 HTTP/1.1");
    }
  }

  private static KeyPair generateKeys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  /** A service-account key as Google hands them out, with a key made up here. */
  static Path serviceAccountKey(Path dir, String project, KeyPair keys) throws Exception {
    String pem = "-----BEGIN PRIVATE KEY-----\\n"
        + Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded())
        + "\\n-----END PRIVATE KEY-----\\n";
    String json = "{\"type\": \"service_account\", \"project_id\": \"" + project + "\", \"private_key_id\": \"1\","
        + " \"private_key\": \"" + pem + "\", \"client_email\": \"chat@" + project + ".iam.gserviceaccount.com\","
        + " \"client_id\": \"1\", \"token_uri\": \"https://oauth2.googleapis.com/token\"}";
    return Files.writeString(dir.resolve("key.json"), json);
  }

  /** A key store with a certificate for localhost, made by the JDK's keytool (Java has no API for it). */
  private static KeyStore selfSignedStore(Path dir) throws Exception {
    Path file = dir.resolve("localhost.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "localhost", "-keyalg", "RSA",
        "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
        "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", new String(STORE_PASSWORD),
        "-keypass", new String(STORE_PASSWORD))
        .redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, STORE_PASSWORD);
    }
    return store;
  }

  private static SSLContext serverContext(KeyStore store) throws Exception {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, STORE_PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  private static SSLContext clientContext(KeyStore store) throws Exception {
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
