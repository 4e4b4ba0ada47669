package dev.lwqueue.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's verification written from the Standard Webhooks specification alone, sharing no
 * code with {@link WebhookSigner}: strip {@code whsec_}, base64-decode the key, HMAC-SHA256 over
 * {@code id.timestamp.body}, and accept if any space-separated {@code v1,} signature matches.
 */
final class StandardWebhooksVerifier {

  private final byte[] key;

  StandardWebhooksVerifier(String secret) {
    this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
  }

  boolean verify(String id, String timestamp, String signatureHeader, byte[] body) {
    if (id == null || timestamp == null || signatureHeader == null) {
      return false;
    }
    byte[] expected;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
      byte[] content = new byte[prefix.length + body.length];
      System.arraycopy(prefix, 0, content, 0, prefix.length);
      System.arraycopy(body, 0, content, prefix.length, body.length);
      expected = mac.doFinal(content);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    for (String versioned : signatureHeader.split(" ")) {
      int comma = versioned.indexOf(',');
      if (comma > 0 && versioned.substring(0, comma).equals("v1")) {
        byte[] given;
        try {
          given = Base64.getDecoder().decode(versioned.substring(comma + 1));
        } catch (IllegalArgumentException e) {
          continue;
        }
        if (MessageDigest.isEqual(expected, given)) {
          return true;
        }
      }
    }
    return false;
  }
}
