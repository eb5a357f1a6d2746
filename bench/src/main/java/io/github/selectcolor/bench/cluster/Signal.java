package io.github.selectcolor.bench.cluster;

/** The POSIX signals a fault sends, by the name {@code kill -<name>} takes. */
public enum Signal {
  /** A crash: the process gets no chance to clean up. */
  KILL,
  /** An orderly stop, as an init system or an operator asks for. */
  TERM,
  /** A stall: the process keeps its sockets and state but runs no instruction. */
  STOP,
  /** The end of a stall. */
  CONT
}
