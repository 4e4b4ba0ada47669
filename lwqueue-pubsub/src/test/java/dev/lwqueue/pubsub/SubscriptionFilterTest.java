package dev.lwqueue.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lwqueue.core.TransportException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Pub/Sub's filter language, as the client-side check evaluates it. */
class SubscriptionFilterTest {

  private static final Map<String, String> ALICE = Map.of("username", "alice", "room", "general", "x-tag", "a\"b");
  private static final Map<String, String> NOTHING = Map.of();

  @ParameterizedTest(name = "{0} -> {1} / {2}")
  @CsvSource(delimiter = '|', value = {
      "attributes:username                                        | true  | false",
      "NOT attributes:username                                    | false | true",
      "-attributes:username                                       | false | true",
      "attributes.username = \"alice\"                            | true  | false",
      "attributes.username=\"bob\"                                | false | false",
      "attributes.username != \"bob\"                             | true  | true",
      "attributes.username != \"alice\"                           | false | true",
      "hasPrefix(attributes.username, \"al\")                     | true  | false",
      "NOT hasPrefix(attributes.username, \"al\")                 | false | true",
      "attributes:username AND attributes.room = \"general\"      | true  | false",
      "attributes:nope OR attributes.room = \"general\"           | true  | false",
      "(attributes:nope OR attributes:room) AND NOT attributes:z  | true  | false",
      "attributes.x-tag = \"a\\\"b\"                              | true  | false",
      "attributes.\"x-tag\" = \"a\\x22b\"                         | true  | false",
      "attributes.room = \"gen\\u0065ral\"                        | true  | false",
      "attributes.room = \"\\147eneral\"                          | true  | false",
  })
  void evaluatesLikePubSub(String filter, boolean forAlice, boolean forNoAttributes) {
    SubscriptionFilter parsed = SubscriptionFilter.parse(filter.strip());
    assertThat(parsed.matches(ALICE)).isEqualTo(forAlice);
    assertThat(parsed.matches(NOTHING)).isEqualTo(forNoAttributes);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "attributes:a AND attributes:b OR attributes:c",
      "attributes.a = b",
      "attributes.a = \"unterminated",
      "attributes:",
      "hasPrefix(attributes.a \"x\")",
      "(attributes:a",
      "attributes:a extra",
      "body = \"x\"",
  })
  void refusesWhatPubSubRefuses(String filter) {
    assertThatThrownBy(() -> SubscriptionFilter.parse(filter))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("is not valid at position");
  }
}
