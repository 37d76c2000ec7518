package io.routedesk.ui.controls;

import javafx.scene.input.DataFormat;

/** App-specific drag-and-drop formats. */
public final class DragFormats {
  private DragFormats() {}

  /** A route dragged from the route list; the content is the route id. */
  public static final DataFormat ROUTE_ID = format("application/x-routedesk-route-id");

  private static DataFormat format(String mime) {
    // DataFormat ids are global per JVM: reuse one registered earlier (e.g. by another window).
    DataFormat existing = DataFormat.lookupMimeType(mime);
    return existing != null ? existing : new DataFormat(mime);
  }
}
