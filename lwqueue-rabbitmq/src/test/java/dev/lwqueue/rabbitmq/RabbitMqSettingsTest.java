package dev.lwqueue.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

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
}
