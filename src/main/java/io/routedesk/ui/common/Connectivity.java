package io.routedesk.ui.common;

/** Whether the last call reached Flowroute. */
public enum Connectivity {
  UNKNOWN,
  ONLINE,
  OFFLINE
}
