package io.routedesk.ui.model;

/** Whether the last call reached Flowroute. */
public enum Connectivity {
  UNKNOWN,
  ONLINE,
  OFFLINE
}
