package dev.lwqueue.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests the way Standard Webhooks 1.0 says, so receivers verify them with that project's
 * libraries: {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">}.
 */
public final class WebhookSigner {

  public static final String ID_HEADER = "webhook-id";
  public static final String TIMESTAMP_HEADER = "webhook-timestamp";
  public static final String SIGNATURE_HEADER = "webhook-signature";

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  public WebhookSigner(WebhookSecret secret) {
    this.key = new SecretKeySpec(secret.key(), ALGORITHM);
  }

  /** {@code v1,} and the base64 signature of {@code id.timestamp.body}. */
  public String signature(String id, long timestampSeconds, byte[] body) {
    Mac mac;
    try {
      mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
    mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
    return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
  }

  /** The three headers of one signed request. */
  public Map<String, String> headers(String id, long timestampSeconds, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(ID_HEADER, id);
    headers.put(TIMESTAMP_HEADER, Long.toString(timestampSeconds));
    headers.put(SIGNATURE_HEADER, signature(id, timestampSeconds, body));
    return headers;
  }
}
