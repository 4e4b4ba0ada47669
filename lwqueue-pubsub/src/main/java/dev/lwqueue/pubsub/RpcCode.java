package dev.lwqueue.pubsub;

/**
 * The status codes of Google's APIs ({@code google.rpc.Code}), which Pub/Sub's REST API names in
 * an error reply's {@code status} field. Failures are classified by these, never by message text.
 */
enum RpcCode {
  CANCELLED, UNKNOWN, INVALID_ARGUMENT, DEADLINE_EXCEEDED, NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED,
  RESOURCE_EXHAUSTED, FAILED_PRECONDITION, ABORTED, OUT_OF_RANGE, UNIMPLEMENTED, INTERNAL, UNAVAILABLE,
  DATA_LOSS, UNAUTHENTICATED;

  /**
   * The code an error reply names, or the one its HTTP status stands for when it names none (a
   * proxy's or load balancer's page rather than Pub/Sub's JSON), as Google maps them.
   */
  static RpcCode of(String statusName, int httpStatus) {
    if (statusName != null) {
      for (RpcCode code : values()) {
        if (code.name().equals(statusName)) {
          return code;
        }
      }
    }
    return fromHttpStatus(httpStatus);
  }

  static RpcCode fromHttpStatus(int httpStatus) {
    return switch (httpStatus) {
      case 400 -> INVALID_ARGUMENT;
      case 401 -> UNAUTHENTICATED;
      case 403 -> PERMISSION_DENIED;
      case 404 -> NOT_FOUND;
      case 409 -> ABORTED;
      case 412 -> FAILED_PRECONDITION;
      case 416 -> OUT_OF_RANGE;
      case 429 -> RESOURCE_EXHAUSTED;
      case 499 -> CANCELLED;
      case 501 -> UNIMPLEMENTED;
      case 502, 503 -> UNAVAILABLE;
      case 504 -> DEADLINE_EXCEEDED;
      default -> httpStatus >= 500 ? INTERNAL : httpStatus >= 400 ? FAILED_PRECONDITION : UNKNOWN;
    };
  }
}
