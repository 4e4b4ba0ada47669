package dev.lwqueue.pubsub;

/** A subscription's full name, {@code projects/PROJECT/subscriptions/SUBSCRIPTION}. */
record SubscriptionPath(String project, String subscription) {

  /** Its path in the REST API, below {@code /v1/}. */
  String restPath() {
    return "projects/" + PubSubRest.segment(project) + "/subscriptions/" + PubSubRest.segment(subscription);
  }

  @Override
  public String toString() {
    return "projects/" + project + "/subscriptions/" + subscription;
  }
}
