package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lwqueue.cli.output.JsonFormat;
import dev.lwqueue.core.Delivery;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonFormatTest {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void unsafeCharactersAreEscapedYetReadBackExactly() throws Exception {
    String message = "a\u001b]52;c;x\u0007 \u009b \u202e \u200b \udb40\udc41 \u007f 😀 é";
    byte[] body = ("{\"username\":\"u\",\"message\":" + json.writeValueAsString(message) + ",\"id\":\"i\"}")
        .getBytes(StandardCharsets.UTF_8);
    String line = new JsonFormat().format(Delivery.of(body, true, Map.of()));

    assertThat(HostileCorpus.rawControls(line)).isEmpty();
    assertThat(line).contains("😀").contains("é");
    JsonNode node = json.readTree(line);
    assertThat(node.get("message").asText()).isEqualTo(message);
    assertThat(node.get("body").asText().getBytes(StandardCharsets.UTF_8)).isEqualTo(body);
    assertThat(node.get("redelivered").asBoolean()).isTrue();
    assertThat(node.get("id").asText()).isEqualTo("i");
  }

  @Test
  void bodyThatIsNotUtf8IsKeptAsBase64WithTheProblem() throws Exception {
    byte[] body = {(byte) 0xFF, 0x1B, '['};
    JsonNode node = json.readTree(new JsonFormat().format(Delivery.of(body, false, Map.of())));
    assertThat(node.get("body").isNull()).isTrue();
    assertThat(node.get("body_base64").asText()).isEqualTo("/xtb");
    assertThat(node.get("problem").asText()).contains("UTF-8");
    assertThat(node.has("username")).isFalse();
  }

  @Test
  void theControlCharacterCheckItselfCatchesRawControls() {
    assertThat(HostileCorpus.rawControls("ok\u001b[2J")).isNotEmpty();
    assertThat(HostileCorpus.rawControls("ok\u009b")).isNotEmpty();
    assertThat(HostileCorpus.rawControls("ok\u202e")).isNotEmpty();
    assertThat(HostileCorpus.rawControls("ok\nfine")).isEmpty();
  }
}
