package dev.lwqueue.pubsub;

/** A topic's full name, {@code projects/PROJECT/topics/TOPIC}. */
record TopicPath(String project, String topic) {

  /** Its path in the REST API, below {@code /v1/}. */
  String restPath() {
    return "projects/" + PubSubRest.segment(project) + "/topics/" + PubSubRest.segment(topic);
  }

  @Override
  public String toString() {
    return "projects/" + project + "/topics/" + topic;
  }
}
