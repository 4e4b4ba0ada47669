package dev.lwqueue.pubsub;

import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.lwqueue.core.TransportException;
import dev.lwqueue.core.TransportException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Google Cloud's credentials, through Google's auth library: the only class that uses it, so that
 * a run on the emulator never loads it. A service-account key signs its own short-lived tokens
 * (a JWT with the Pub/Sub scope, as Google's client libraries do), so it needs no token server;
 * application default credentials fetch theirs as they do for any Google client.
 */
final class GoogleAuth implements RequestAuthorizer {

  /** What lwqueue asks Google for: Pub/Sub, nothing else. */
  static final String PUBSUB_SCOPE = "https://www.googleapis.com/auth/pubsub";

  private final Credentials credentials;
  private final String keyProject;

  private GoogleAuth(Credentials credentials, String keyProject) {
    this.credentials = credentials;
    this.keyProject = keyProject;
  }

  /**
   * A service-account key from the file, or application default credentials. Only a
   * service-account key is accepted from a file: it is what the publisher and subscriber
   * accounts of the course hand out, and other credential types in a file are a common mistake.
   * Nothing goes over the network yet.
   */
  static GoogleAuth load(Path keyFile) {
    if (keyFile == null) {
      try {
        return new GoogleAuth(scoped(GoogleCredentials.getApplicationDefault()), null);
      } catch (IOException e) {
        throw new TransportException(Kind.BAD_CONFIGURATION,
            "no Google credentials: give --credentials KEY.json, set GOOGLE_APPLICATION_CREDENTIALS, run "
                + "'gcloud auth application-default login', or use the emulator (--emulator-host)", e);
      }
    }
    ServiceAccountCredentials key;
    try (InputStream in = Files.newInputStream(keyFile)) {
      key = ServiceAccountCredentials.fromStream(in);
    } catch (NoSuchFileException e) {
      throw new TransportException(Kind.BAD_CONFIGURATION, "key file " + keyFile + " does not exist", e);
    } catch (AccessDeniedException e) {
      throw new TransportException(Kind.BAD_CONFIGURATION, "key file " + keyFile + " is not readable", e);
    } catch (IOException | RuntimeException e) {
      throw new TransportException(Kind.BAD_CONFIGURATION,
          "key file " + keyFile + " is not a service-account JSON key (" + keyProblem(e)
              + "): create one with 'gcloud iam service-accounts keys create KEY.json --iam-account ACCOUNT'", e);
    }
    return new GoogleAuth(scoped(key), key.getProjectId());
  }

  private static GoogleCredentials scoped(GoogleCredentials credentials) {
    GoogleCredentials scoped = credentials.createScoped(List.of(PUBSUB_SCOPE));
    // A service account signs its own token for the scope: no round trip to Google's token server.
    return scoped instanceof ServiceAccountCredentials account ? account.createWithUseJwtAccessWithScope(true) : scoped;
  }

  private static String keyProblem(Exception e) {
    String message = PubSubErrors.oneLine(e.getMessage());
    if (e.getClass().getName().contains("gson") || message.contains("JsonReader") || message.contains("malformed")) {
      return "it is not JSON";
    }
    return message.isEmpty() ? "it is not a JSON object with a service account's fields" : message;
  }

  /** The project the service-account key belongs to; {@code null} for application default credentials. */
  String keyProject() {
    return keyProject;
  }

  @Override
  public void authorize(URI endpoint, HttpRequest.Builder request) {
    Map<String, List<String>> headers;
    try {
      headers = credentials.getRequestMetadata(endpoint);
    } catch (IOException e) {
      // A token server out of reach is the network's failure; anything else, the credentials'.
      RpcCode code = causedByNetwork(e) ? RpcCode.UNAVAILABLE : RpcCode.UNAUTHENTICATED;
      throw new PubSubCallException(code, "cannot get a token for the credentials: " + e.getMessage(), e);
    }
    headers.forEach((name, values) -> values.forEach(value -> request.header(name, value)));
  }

  private static boolean causedByNetwork(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof SocketTimeoutException
          || t instanceof java.net.http.HttpTimeoutException) {
        return true;
      }
    }
    return false;
  }
}
