package io.routedesk.ui.routingfile;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The file choosers of File → Export… and File → Import plan…. */
public final class RoutingFileDialogs {
  /**
   * The folder of the last file chosen in this run, so the plan of a file just exported opens where
   * it was written; the home folder before that (not the folder the app was started from).
   */
  private static Path lastFolder = Path.of(System.getProperty("user.home"));

  private RoutingFileDialogs() {}

  /** Where to export: the numbers file; the routes file is written beside it. */
  public static Optional<Path> chooseExportFile(Window owner) {
    FileChooser chooser = chooser("Export routing");
    chooser.setInitialFileName("routing.csv");
    return remember(chooser.showSaveDialog(owner));
  }

  /** The numbers file to plan; its routes file, when beside it, is read too. */
  public static Optional<Path> choosePlanFile(Window owner) {
    return remember(chooser("Import plan").showOpenDialog(owner));
  }

  private static FileChooser chooser(String title) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(title);
    if (Files.isDirectory(lastFolder)) {
      chooser.setInitialDirectory(lastFolder.toFile());
    }
    chooser
        .getExtensionFilters()
        .addAll(
            new FileChooser.ExtensionFilter("Routing file (CSV)", "*.csv"),
            new FileChooser.ExtensionFilter("All files", "*"));
    return chooser;
  }

  private static Optional<Path> remember(File chosen) {
    Optional<Path> path = Optional.ofNullable(chosen).map(File::toPath);
    path.map(Path::getParent).ifPresent(folder -> lastFolder = folder);
    return path;
  }
}
