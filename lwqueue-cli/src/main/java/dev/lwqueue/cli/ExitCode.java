package dev.lwqueue.cli;

import dev.lwqueue.archive.ArchiveException;
import dev.lwqueue.core.TransportException;

/** Every exit code lwqueue uses, with what it means; the README's table is this list. */
public enum ExitCode {
  OK(0, "success; also a stop the user asked for: Ctrl-C, SIGTERM or SIGHUP"),
  INTERNAL(1, "unexpected error (run again with --verbose and report it)"),
  USAGE(2, "bad arguments or options"),
  BAD_CONFIGURATION(3, "bad configuration: malformed URI, unreadable key or certificate file, missing setting"),
  UNREACHABLE(4, "broker unreachable: unknown host, connection refused or timed out"),
  AUTHENTICATION_FAILED(5, "authentication failed: wrong user name or password, or bad credentials"),
  ACCESS_REFUSED(6, "access refused: the user may not use this virtual host, exchange, queue, topic or subscription"),
  VHOST_NOT_FOUND(7, "virtual host does not exist"),
  TLS_FAILED(8, "TLS handshake failed (certificate not trusted, wrong host name, TLS on a plain port)"),
  TOPOLOGY_MISMATCH(9, "the exchange (or queue) exists with other properties than lwqueue declares"),
  NOT_FOUND(10, "project, topic or subscription not found"),
  NOT_CONFIRMED(11, "the broker did not confirm a message in time, or refused it: it may not have been delivered"),
  MESSAGE_TOO_LARGE(12, "message larger than the limit"),
  CONNECTION_LOST(13, "the connection or subscription was lost for good, or messages could not be shown (output closed): they stay in the queue"),
  BROKER_ERROR(14, "any other error reported by the broker"),
  DATABASE_UNREACHABLE(15, "archive, stats: the database is unreachable (nothing answers at the address)"),
  DATABASE_LOGIN_REFUSED(16, "archive, stats: the database refused the user name or password"),
  DATABASE_URL(17, "archive, stats: --db names no database lwqueue can use (wrong URL, no driver for it)"),
  DATABASE_ERROR(18, "archive, stats: any other database error (file in use, database missing, disk full)");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }

  public static ExitCode of(ArchiveException.Kind kind) {
    return switch (kind) {
      case UNREACHABLE -> DATABASE_UNREACHABLE;
      case LOGIN_REFUSED -> DATABASE_LOGIN_REFUSED;
      case BAD_URL -> DATABASE_URL;
      case DATABASE_ERROR -> DATABASE_ERROR;
    };
  }

  public static ExitCode of(TransportException.Kind kind) {
    return switch (kind) {
      case AUTHENTICATION_FAILED -> AUTHENTICATION_FAILED;
      case ACCESS_REFUSED -> ACCESS_REFUSED;
      case VHOST_NOT_FOUND -> VHOST_NOT_FOUND;
      case UNREACHABLE -> UNREACHABLE;
      case TLS_FAILED -> TLS_FAILED;
      case TOPOLOGY_MISMATCH -> TOPOLOGY_MISMATCH;
      case NOT_FOUND -> NOT_FOUND;
      case BAD_CONFIGURATION -> BAD_CONFIGURATION;
      case NOT_CONFIRMED, REFUSED -> NOT_CONFIRMED;
      case MESSAGE_TOO_LARGE -> MESSAGE_TOO_LARGE;
      case CLOSED -> CONNECTION_LOST;
      case BROKER_ERROR -> BROKER_ERROR;
      case ALREADY_EXISTS -> USAGE;
    };
  }
}
