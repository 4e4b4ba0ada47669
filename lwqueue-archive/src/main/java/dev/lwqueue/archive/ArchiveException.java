package dev.lwqueue.archive;

/** A database problem the user can act on, as one line, with what kind of problem it is. */
public final class ArchiveException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What went wrong; the command line maps each to an exit code. */
  public enum Kind {
    /** The URL names no database lwqueue knows, or no driver takes it. */
    BAD_URL,
    /** Nothing answers at the address, or it stopped answering. */
    UNREACHABLE,
    /** The database refused the user name or password. */
    LOGIN_REFUSED,
    /** Anything else the database reported (a file in use, a missing database, a full disk...). */
    DATABASE_ERROR
  }

  private final Kind kind;

  public ArchiveException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public ArchiveException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
