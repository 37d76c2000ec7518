package io.routedesk.service;

/** Progress of a batch, called on background threads. */
@FunctionalInterface
public interface BatchListener {
  BatchListener NONE = (phase, done, total) -> {};

  /** {@code done} of {@code total} requests of the current phase have finished. */
  void progress(Phase phase, long done, long total);

  enum Phase {
    /** Sending the changes. */
    APPLYING,
    /** Reading back the numbers' routing from Flowroute. */
    VERIFYING
  }
}
