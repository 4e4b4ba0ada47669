package dev.lwqueue.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

  // The reference vector published with the Standard Webhooks specification and its libraries.
  private static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long VECTOR_TIMESTAMP = 1614265330L;
  private static final byte[] VECTOR_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  private static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  @Test
  void signsTheStandardWebhooksReferenceVector() {
    WebhookSigner signer = new WebhookSigner(WebhookSecret.parse(VECTOR_SECRET));
    assertThat(signer.signature(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY)).isEqualTo(VECTOR_SIGNATURE);
    assertThat(signer.headers(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY))
        .containsEntry("webhook-id", VECTOR_ID)
        .containsEntry("webhook-timestamp", "1614265330")
        .containsEntry("webhook-signature", VECTOR_SIGNATURE);
  }

  @Test
  void theIndependentVerifierAcceptsTheVectorAndRefusesATamperedBody() {
    StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(VECTOR_SECRET);
    assertThat(verifier.verify(VECTOR_ID, "1614265330", VECTOR_SIGNATURE, VECTOR_BODY)).isTrue();
    assertThat(verifier.verify(VECTOR_ID, "1614265330", VECTOR_SIGNATURE,
        "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(verifier.verify(VECTOR_ID, "1614265331", VECTOR_SIGNATURE, VECTOR_BODY)).isFalse();
    assertThat(verifier.verify("msg_other", "1614265330", VECTOR_SIGNATURE, VECTOR_BODY)).isFalse();
  }

  @Test
  void aSignatureWithAnotherSecretIsDetected() {
    WebhookSecret wrong = WebhookSecret.generate();
    String signature = new WebhookSigner(wrong).signature(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY);
    assertThat(new StandardWebhooksVerifier(VECTOR_SECRET).verify(VECTOR_ID, "1614265330", signature, VECTOR_BODY))
        .isFalse();
  }

  @Test
  void generatedSecretsRoundTripAndVerify() {
    WebhookSecret secret = WebhookSecret.generate();
    assertThat(secret.text()).startsWith("whsec_");
    assertThat(WebhookSecret.parse(secret.text())).isEqualTo(secret);
    assertThat(WebhookSecret.generate()).isNotEqualTo(secret);
    assertThat(secret.toString()).doesNotContain(secret.text().substring(6));
    byte[] body = "{\"username\":\"a\",\"message\":\"b\"}".getBytes(StandardCharsets.UTF_8);
    String signature = new WebhookSigner(secret).signature("id1", 42, body);
    assertThat(new StandardWebhooksVerifier(secret.text()).verify("id1", "42", signature, body)).isTrue();
  }

  @Test
  void refusesWhatIsNotASecret() {
    assertThatThrownBy(() -> WebhookSecret.parse("whsec_not base64!")).hasMessageContaining("base64");
    assertThatThrownBy(() -> WebhookSecret.parse("whsec_c2hvcnQ=")).hasMessageContaining("bytes");
  }
}
