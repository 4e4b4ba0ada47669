package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lwqueue.cli.output.JsonFormat;
import dev.lwqueue.cli.output.SimpleFormat;
import dev.lwqueue.cli.tui.model.LogEntry;
import dev.lwqueue.core.ChatCodec;
import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.Delivery;
import dev.lwqueue.core.VerifiedOnlyHandler;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verified and private marks in every mode, and that a sender cannot forge them. */
class SenderMarksTest {

  private static final SimpleFormat SIMPLE = new SimpleFormat(false, ZoneOffset.UTC);

  private static Delivery from(String name, String text, String account, String recipient) {
    return Delivery.of(ChatCodec.encode(new ChatMessage(name, text, null, null)), false, Map.of(), account, recipient);
  }

  @Test
  void theMarkOnlyWhenTheVerifiedAccountIsTheNameShown() {
    assertThat(SIMPLE.format(from("alice", "hi", "alice", null))).endsWith(" alice \u2713: hi");
    assertThat(SIMPLE.format(from("alice", "hi", null, null))).as("no user_id (Python client)").endsWith(" alice: hi");
    assertThat(SIMPLE.format(from("alice", "hi", "mallory", null))).as("another account").endsWith(" alice: hi");
    assertThat(LogEntry.of(from("alice", "hi", "alice", null)).name()).isEqualTo("alice \u2713");
    assertThat(LogEntry.of(from("alice", "hi", "mallory", null)).name()).isEqualTo("alice");
  }

  @Test
  void aNameCarryingTheMarkCannotPassForVerified() {
    String forged = SIMPLE.format(from("alice \u2713", "hi", "mallory", null));
    assertThat(forged).doesNotContain("\u2713").contains("alice \\u2713: hi");
    assertThat(LogEntry.of(from("alice \u2713", "hi", null, null)).name()).doesNotContain("\u2713");
  }

  @Test
  void privateMessagesAreMarkedWhereNoSenderTextGoes() {
    assertThat(SIMPLE.format(from("alice", "psst", "alice", "bob"))).startsWith("[private to bob] ").endsWith("psst");
    assertThat(LogEntry.of(from("alice", "psst", "alice", "bob")).text()).isEqualTo("[private to bob] psst");
    assertThat(LogEntry.of(from("alice", "[private to bob] fake", "alice", null)).text())
        .isEqualTo("\\[private to bob] fake");
    assertThat(SIMPLE.format(from("alice", "[private to bob] fake", "alice", null))).doesNotStartWith("[private");
  }

  @Test
  void jsonCarriesAccountVerifiedAndRecipient() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode verified = json.readTree(new JsonFormat().format(from("alice", "hi", "alice", "bob")));
    assertThat(verified.path("account").asText()).isEqualTo("alice");
    assertThat(verified.path("verified").asBoolean()).isTrue();
    assertThat(verified.path("private_to").asText()).isEqualTo("bob");
    JsonNode python = json.readTree(new JsonFormat().format(from("alice", "hi", null, null)));
    assertThat(python.path("account").isNull()).isTrue();
    assertThat(python.path("verified").asBoolean()).isFalse();
    assertThat(python.has("private_to")).isFalse();
  }

  @Test
  void verifiedOnlyHidesAndCountsTheRest() {
    List<Delivery> shown = new ArrayList<>();
    VerifiedOnlyHandler filter = new VerifiedOnlyHandler(shown::add);
    filter.onDelivery(from("alice", "1", "alice", null));
    filter.onDelivery(from("alice", "2", null, null));
    filter.onDelivery(from("alice", "3", "bob", null));
    filter.onDelivery(Delivery.of(new byte[] {1, 2}, false, Map.of(), "alice", null));
    assertThat(shown).extracting(d -> d.message().message()).containsExactly("1");
    assertThat(filter.hidden()).isEqualTo(3);
  }
}
