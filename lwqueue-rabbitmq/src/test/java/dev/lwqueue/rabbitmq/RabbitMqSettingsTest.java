package dev.lwqueue.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lwqueue.core.TransportException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RabbitMqSettingsTest {

  @Test
  void masksThePasswordOfAnyUriHoweverMalformed() {
    assertThat(RabbitMqSettings.maskUri("amqp://user:pw@host:5672/")).isEqualTo("amqp://user:****@host:5672/");
    assertThat(RabbitMqSettings.maskUri("amqp://us er:pw@host:notaport")).isEqualTo("amqp://us er:****@host:notaport");
    assertThat(RabbitMqSettings.maskUri("amqp://u:p/w@s@rd@host/")).isEqualTo("amqp://u:****@host/");
    assertThat(RabbitMqSettings.maskUri("amqps://u:p a s s@h")).isEqualTo("amqps://u:****@h");
    assertThat(RabbitMqSettings.maskUri("amqp://host:5672/vhost")).isEqualTo("amqp://host:5672/vhost");
    assertThat(RabbitMqSettings.maskUri("amqp://user@host:5672/")).isEqualTo("amqp://user@host:5672/");
    assertThat(RabbitMqSettings.fromUri("amqp://user:secret@host:1234/v").toString()).doesNotContain("secret");
  }

  @Test
  void tellsWhetherAUriCarriesAPassword() {
    assertThat(RabbitMqSettings.uriHasPassword("amqp://user:pw@host/")).isTrue();
    assertThat(RabbitMqSettings.uriHasPassword("amqp://user@host:5672/")).isFalse();
    assertThat(RabbitMqSettings.uriHasPassword("amqp://host:5672/")).isFalse();
  }

  private static final String PASSWORD = "Pa55-w0rd";

  /** Malformed shapes a user may type, each holding the password somewhere. */
  private static final List<String> MALFORMED = List.of(
      "amqp:bob:" + PASSWORD + "@10.9.9.9",
      "amqp:/bob:" + PASSWORD + "@host",
      "amqp:///bob:" + PASSWORD + "@host",
      "amqp:bob:" + PASSWORD,
      "amqp://bob:" + PASSWORD,
      "amqp://bob:" + PASSWORD + "/host",
      "amqp://bob:" + PASSWORD + "@",
      "amqp://bob:" + PASSWORD + "@/vhost",
      "amqp://bob:" + PASSWORD + "@host:port/",
      "amqp://bob:" + PASSWORD + "@ho st/",
      "amqp://bob:" + PASSWORD + "@rabbit_1/",
      "amqp://bob:" + PASSWORD + "@host:99999/",
      "amqp://bob:pa/" + PASSWORD + "@@host/",
      "amqp://bob:" + PASSWORD + "@host/%zz",
      "amqp//bob:" + PASSWORD + "@host",
      "http://bob:" + PASSWORD + "@host/",
      "bob:" + PASSWORD + "@host",
      "amqp://:" + PASSWORD + "@host:5672:5672/",
      "amqp://bob:" + PASSWORD + "@[::1/",
      "  amqp://bob:" + PASSWORD + "@host/");

  @Test
  void aUriWithoutAHostIsRefusedNotTakenForLocalhost() {
    for (String uri : List.of("amqp:bob:pw@10.9.9.9", "amqp:/bob:pw@host", "amqp:///vhost", "amqp://bob:pw@/x")) {
      assertThatThrownBy(() -> RabbitMqSettings.fromUri(uri))
          .as(uri)
          .isInstanceOfSatisfying(TransportException.class,
              e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.BAD_CONFIGURATION));
    }
  }

  @Test
  void noErrorAboutAMalformedUriShowsItsPassword() {
    for (String uri : MALFORMED) {
      assertThat(RabbitMqSettings.maskUri(uri)).as(uri).doesNotContain(PASSWORD);
      try {
        RabbitMqSettings settings = RabbitMqSettings.fromUri(uri);
        assertThat(settings.toString()).as(uri).doesNotContain(PASSWORD);
        assertThat(settings.maskedUri()).as(uri).doesNotContain(PASSWORD);
      } catch (TransportException e) {
        assertThat(e.kind()).as(uri).isEqualTo(TransportException.Kind.BAD_CONFIGURATION);
        for (Throwable t = e; t != null; t = t.getCause()) {
          assertThat(String.valueOf(t.getMessage())).as(uri).doesNotContain(PASSWORD);
        }
      }
    }
  }
}
