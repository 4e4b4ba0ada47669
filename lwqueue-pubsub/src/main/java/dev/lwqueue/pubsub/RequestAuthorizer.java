package dev.lwqueue.pubsub;

import java.net.URI;
import java.net.http.HttpRequest;

/** Lets a request in: nothing to add for the emulator, Google's Authorization header for Google Cloud. */
interface RequestAuthorizer {

  RequestAuthorizer NONE = (endpoint, request) -> {};

  /**
   * Adds the headers that authorize a request to {@code endpoint}; may fetch a token first.
   *
   * @throws PubSubCallException when no credentials could be had
   */
  void authorize(URI endpoint, HttpRequest.Builder request);
}
