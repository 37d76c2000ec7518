package io.routedesk.ui.model;

/** Where a list's data is: drives its loading, empty and error placeholders. */
public enum LoadState {
  IDLE,
  LOADING,
  LOADED,
  ERROR
}
