package dev.lwqueue.webhook;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A Standard Webhooks signing secret: {@code whsec_} followed by the base64 of the key bytes.
 * Only the part after the prefix is the key, base64-decoded, as the specification's libraries do.
 */
public final class WebhookSecret {

  public static final String PREFIX = "whsec_";
  /** 24 to 64 bytes is what the specification recommends; 32 is what its libraries generate. */
  static final int GENERATED_BYTES = 32;
  private static final int MIN_BYTES = 24;
  private static final int MAX_BYTES = 64;

  private final byte[] key;

  private WebhookSecret(byte[] key) {
    this.key = key;
  }

  /**
   * Parses {@code whsec_<base64>}; the prefix may be left out. Throws {@link IllegalArgumentException}
   * with a one-line reason when the text is not such a secret.
   */
  public static WebhookSecret parse(String text) {
    String trimmed = text == null ? "" : text.strip();
    String encoded = trimmed.startsWith(PREFIX) ? trimmed.substring(PREFIX.length()) : trimmed;
    byte[] key;
    try {
      key = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the webhook secret is not whsec_ followed by base64");
    }
    if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
      throw new IllegalArgumentException("the webhook secret's key is " + key.length + " bytes; it must be "
          + MIN_BYTES + " to " + MAX_BYTES + " (make one with 'lwqueue webhook secret-new')");
    }
    return new WebhookSecret(key);
  }

  /** A fresh random secret from a {@link SecureRandom}: it guards every request, unlike message ids. */
  public static WebhookSecret generate() {
    byte[] key = new byte[GENERATED_BYTES];
    new SecureRandom().nextBytes(key);
    return new WebhookSecret(key);
  }

  byte[] key() {
    return key.clone();
  }

  /** The secret in its {@code whsec_} form, to hand to the receiver. */
  public String text() {
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WebhookSecret other && Arrays.equals(key, other.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  /** Never shows the key: a secret must not end up in a log line. */
  @Override
  public String toString() {
    return "WebhookSecret[" + key.length + " bytes]";
  }
}
