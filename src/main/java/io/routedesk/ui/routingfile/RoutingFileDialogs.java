package io.routedesk.ui.routingfile;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The file choosers of File → Export… and File → Import plan…. */
public final class RoutingFileDialogs {
  private RoutingFileDialogs() {}

  /** Where to export: the numbers file; the routes file is written beside it. */
  public static Optional<Path> chooseExportFile(Window owner) {
    FileChooser chooser = chooser("Export routing");
    chooser.setInitialFileName("routing.csv");
    return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
  }

  /** The numbers file to plan; its routes file, when beside it, is read too. */
  public static Optional<Path> choosePlanFile(Window owner) {
    return Optional.ofNullable(chooser("Import plan").showOpenDialog(owner)).map(File::toPath);
  }

  private static FileChooser chooser(String title) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(title);
    chooser
        .getExtensionFilters()
        .addAll(
            new FileChooser.ExtensionFilter("Routing file (CSV)", "*.csv"),
            new FileChooser.ExtensionFilter("All files", "*"));
    return chooser;
  }
}
