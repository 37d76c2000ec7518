package io.routedesk.ui.shell;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.routedesk.domain.Draft;
import io.routedesk.domain.Route;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.ui.controls.Command;
import io.routedesk.ui.controls.Dialogs;
import io.routedesk.ui.controls.Icons;
import io.routedesk.ui.controls.Screens;
import io.routedesk.ui.controls.Shortcuts;
import io.routedesk.ui.controls.WindowPlacement;
import io.routedesk.ui.model.ColumnWidths;
import io.routedesk.ui.model.RouteRow;
import io.routedesk.ui.model.ThemeMode;
import io.routedesk.ui.newroute.RouteFormView;
import io.routedesk.ui.newroute.RouteFormViewModel;
import io.routedesk.ui.numbers.NumbersView;
import io.routedesk.ui.numbers.NumbersViewModel;
import io.routedesk.ui.picker.RoutePickerDialog;
import io.routedesk.ui.routes.DeleteRouteFlow;
import io.routedesk.ui.routes.RoutesView;
import io.routedesk.ui.routes.RoutesViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.css.PseudoClass;
import javafx.event.ActionEvent;
import javafx.event.EventHandler;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The main window: menu bar, sandbox banner, route list (left), numbers (centre), the route form
 * (right, when open) and the status bar. Wires the feature views to each other; holds no logic of
 * its own beyond layout and keyboard commands.
 */
public final class MainWindow {
  public static final String STYLESHEET =
      Objects.requireNonNull(MainWindow.class.getResource("/io/routedesk/ui/routedesk.css"))
          .toExternalForm();

  /** Popups without the theme's shadow, for desktops that cannot show transparent windows. */
  static final String OPAQUE_POPUPS =
      Objects.requireNonNull(MainWindow.class.getResource("/io/routedesk/ui/opaque-popups.css"))
          .toExternalForm();

  /**
   * The size of the window on a first start, when the screen has room for it: every column of the
   * route list and the numbers readable. Smaller screens get what they have (see {@link
   * #layoutOnScreen}).
   */
  public static final double DEFAULT_WIDTH = 1440;

  public static final double DEFAULT_HEIGHT = 900;

  // The route list and the numbers at their minimum widths, the menu bar and a few table rows: the
  // route form floats over the numbers on a window this small, so it needs no room of its own.
  static final double MIN_WIDTH = 720;
  static final double MIN_HEIGHT = 480;

  /**
   * The route form docks as a third column only when the numbers keep at least this width beside it
   * (every column readable). Otherwise the route list and the numbers keep their room and the form
   * floats over the numbers' right side: docked in a 1280-pixel window it left the numbers too
   * narrow to read.
   */
  static final double NUMBERS_BESIDE_FORM_MIN_WIDTH = 620;

  private static final PseudoClass FLOATING = PseudoClass.getPseudoClass("floating");

  private final ShellViewModel shell;
  private final RoutesViewModel routes;
  private final NumbersViewModel numbers;
  private final RouteFormViewModel form;
  private final StackPane root = new StackPane();
  private final BorderPane frame = new BorderPane();
  private final SplitPane split = new SplitPane();
  private final RoutesView routesView;
  private final NumbersView numbersView;
  private final RouteFormView formView;
  private final StackPane formSlot = new StackPane();
  // The panels and what floats over them: the route form on a narrow window.
  private final StackPane center = new StackPane();
  private boolean formOpen;
  private boolean formPlacementQueued;
  private final HBox menuRow = new HBox();
  private final Shortcuts shortcuts = Shortcuts.forThisComputer();
  private final VBox top = new VBox();
  private final VBox extraBanners = new VBox();
  private Scene scene;
  private ThemeController theme;
  // While this window shows on a stage: the stage, the layout it started from and the listeners
  // that save the layout (removed when another account's window takes the stage over).
  private Stage stage;
  private WindowLayout startLayout;
  private final List<Runnable> stageReleases = new ArrayList<>();
  // What the application gives the window (see useAppServices); the defaults suit a window alone.
  private AboutInfo about = AboutInfo.of(null, null);
  private Consumer<String> openLink = url -> {};
  private Runnable quit = Platform::exit;
  private Supplier<String> workInProgress = () -> null;
  private final MenuItem documentation = new MenuItem();

  public MainWindow(
      ShellViewModel shell,
      RoutesViewModel routes,
      NumbersViewModel numbers,
      RouteFormViewModel form,
      DialogPrompts prompts) {
    this.shell = shell;
    prompts.ownedBy(() -> scene.getWindow());
    this.routes = routes;
    this.numbers = numbers;
    this.form = form;
    root.getStyleClass().add("main-window");
    root.setId("main-window");

    this.numbersView =
        new NumbersView(
            numbers,
            shell.activity(),
            request -> RoutePickerDialog.pick(scene.getWindow(), request),
            () ->
                routes.selectedProperty().get() == null
                    ? null
                    : routes.selectedProperty().get().id());
    DeleteRouteFlow deleteFlow = new DeleteRouteFlow(routes, () -> scene.getWindow());
    this.routesView =
        new RoutesView(
            routes,
            new RoutesView.Actions() {
              @Override
              public void newRoute() {
                openNewRouteForm();
              }

              @Override
              public void editRoute(Route route) {
                openEditForm(route);
              }

              @Override
              public void duplicateRoute(Route route) {
                form.startDuplicate(route);
                showForm();
              }

              @Override
              public void showNumbersUsing(String routeId) {
                numbers.showNumbersUsing(routeId);
              }

              @Override
              public void assignToSelectedNumbers(String routeId, VoiceSlot slot) {
                numbersView.assign(routeId, slot);
              }

              @Override
              public void editDraft(Draft draft) {
                openEditDraftForm(draft);
              }
            },
            deleteFlow);
    this.formView = new RouteFormView(form, this::closeForm);
    form.setOnSaved(
        saved -> {
          routes.select(saved.id());
          // Created: the form stays for the next route. Edited or a draft published: done.
          if (form.modeProperty().get() != RouteFormViewModel.Mode.CREATE) {
            closeForm();
          } else {
            formView.focusFirstField(); // where the next route starts
          }
        });
    form.setOnDraftSaved(draft -> routes.select(RouteRow.draftRowId(draft.id())));

    split.getItems().setAll(routesView, numbersView);
    split.setDividerPositions(0.43);
    split.setId("main-split");
    SplitPane.setResizableWithParent(routesView, false);
    routesView.setMinWidth(260);
    numbersView.setMinWidth(400);
    formSlot.getStyleClass().add("form-slot");
    formSlot.setId("form-slot");
    formSlot.setPrefWidth(370);
    formSlot.setMinWidth(320);
    formSlot.setMaxWidth(Region.USE_PREF_SIZE);
    StackPane.setAlignment(formSlot, Pos.CENTER_RIGHT);
    // A form taller than the window (a small screen, or messages under every field) scrolls.
    ScrollPane formScroll = new ScrollPane(formView);
    formScroll.setFitToWidth(true);
    formScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    formScroll.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, "form-scroll");
    formSlot.getChildren().setAll(formScroll);

    MenuBar bar = menuBar();
    HBox.setHgrow(bar, Priority.ALWAYS);
    menuRow.getChildren().setAll(bar);
    menuRow.getStyleClass().add("menu-row");
    menuRow.setAlignment(Pos.CENTER_LEFT);
    top.getChildren().setAll(menuRow);
    if (shell.isSandbox()) {
      top.getChildren().add(sandboxBanner());
    }
    top.getChildren().add(extraBanners);
    frame.setTop(top);
    center.getChildren().setAll(split);
    frame.setCenter(center);
    frame.setBottom(new StatusBar(shell));
    // Toasts rise from the status bar at the bottom right (see Toasts): over the window, so they
    // cover neither the banners nor a pane's header, nor the route form's title and close button.
    root.getChildren().setAll(frame, new Toasts(shell.activity()));
    root.widthProperty().addListener((o, was, now) -> placeFormLater());
    routesView.widthProperty().addListener((o, was, now) -> placeFormLater());
  }

  /**
   * What the application lends the window: its details for Help → About, how to open a link (the
   * documentation), how to quit, and the work that quitting would stop (null when none).
   */
  public void useAppServices(
      AboutInfo about, Consumer<String> openLink, Runnable quit, Supplier<String> workInProgress) {
    this.about = Objects.requireNonNull(about, "about");
    this.openLink = Objects.requireNonNull(openLink, "openLink");
    this.quit = Objects.requireNonNull(quit, "quit");
    this.workInProgress = Objects.requireNonNull(workInProgress, "workInProgress");
    // A build that names no documentation address shows no item rather than one never usable.
    documentation.setVisible(about.hasDocumentation());
  }

  /** Builds the scene (once) with the theme, the app stylesheet and the window's shortcuts. */
  public Scene scene(double width, double height) {
    if (scene == null) {
      scene = new Scene(root, width, height);
      scene.getStylesheets().add(STYLESHEET);
      if (!Platform.isSupported(ConditionalFeature.TRANSPARENT_WINDOW)) {
        // Popups take the stylesheets of the window they belong to.
        scene.getStylesheets().add(OPAQUE_POPUPS);
      }
      shortcuts.installAccelerators(scene);
      theme = new ThemeController(shell.themeModeProperty(), root);
    }
    return scene;
  }

  /**
   * Puts the account feature's controls into the window: its menu at the right end of the menu bar
   * row, and its banner (which replaces the plain sandbox banner) under the menu bar.
   */
  public void setAccountControls(Node accountMenu, Node banner) {
    MenuBar bar = (MenuBar) menuRow.getChildren().getFirst();
    menuRow.getChildren().setAll(bar, accountMenu);
    top.getChildren().setAll(menuRow, banner, extraBanners);
  }

  /**
   * Shows the window on a stage, where it was last time, moved and shrunk as needed to be entirely
   * on a screen. A stage already showing (the "opening" pane placed it) keeps its place.
   */
  public void show(Stage stage, WindowLayout layout, Consumer<WindowLayout> onLayoutChanged) {
    boolean placed = stage.isShowing();
    WindowLayout start = placed ? layout : layoutOnScreen(layout);
    stage.setScene(scene(start.width(), start.height()));
    stage.setTitle(title());
    if (!placed) {
      place(stage, start);
    }
    if (start.routesDivider() != null) {
      split.setDividerPositions(start.routesDivider());
    }
    restoreColumnWidths(new ColumnWidths(start.columnWidths()));
    followLayout(stage, start, onLayoutChanged);
    stage.show();
    Platform.runLater(() -> numbersView.tableView().requestFocus());
  }

  /**
   * The layout to start from on the screens there are now: the remembered one (or, on a first
   * start, the default size centred on the primary screen), moved and shrunk to be entirely on a
   * screen. Position and size are always set in the result.
   */
  public static WindowLayout layoutOnScreen(WindowLayout remembered) {
    WindowPlacement.Area a =
        WindowPlacement.place(
            remembered.x(),
            remembered.y(),
            remembered.width() != null ? remembered.width() : DEFAULT_WIDTH,
            remembered.height() != null ? remembered.height() : DEFAULT_HEIGHT,
            Screens.visualBounds());
    return new WindowLayout(
        a.x(),
        a.y(),
        a.width(),
        a.height(),
        remembered.maximized(),
        remembered.routesDivider(),
        remembered.columnWidths());
  }

  /**
   * Puts a stage where {@code layout} says (see {@link #layoutOnScreen}), with minimum sizes that
   * the screen it is on has room for, and maximized if it was.
   */
  public static void place(Stage stage, WindowLayout layout) {
    WindowPlacement.Area bounds =
        new WindowPlacement.Area(layout.x(), layout.y(), layout.width(), layout.height());
    WindowPlacement.Area screen = Screens.screenOf(bounds);
    stage.setMinWidth(WindowPlacement.minimum(MIN_WIDTH, screen.width()));
    stage.setMinHeight(WindowPlacement.minimum(MIN_HEIGHT, screen.height()));
    Screens.apply(stage, bounds);
    stage.setMaximized(layout.maximized());
  }

  /**
   * Takes the place of another window (another account's) on its stage: same size, place and split.
   * The other window lets go of the stage, so it can be garbage collected.
   */
  public void replace(MainWindow previous, Consumer<WindowLayout> onLayoutChanged) {
    Stage target = Objects.requireNonNull(previous.stage, "the previous window is not shown");
    WindowLayout layout = previous.startLayout;
    double divider = previous.split.getDividerPositions()[0];
    Scene old = target.getScene();
    ColumnWidths widths = previous.columnWidths();
    previous.dispose();
    split.setDividerPositions(divider);
    restoreColumnWidths(widths);
    target.setScene(scene(old.getWidth(), old.getHeight()));
    target.setTitle(title());
    followLayout(target, layout, onLayoutChanged);
    Platform.runLater(() -> numbersView.tableView().requestFocus());
  }

  /**
   * Stops following the stage and the OS colour scheme (before another window takes the stage over,
   * or when the app closes), so nothing long-lived keeps this window. Idempotent; callable from any
   * thread (the work is done on the FX thread, where the platform preferences live).
   */
  public void dispose() {
    if (!Platform.isFxApplicationThread()) {
      Platform.runLater(this::dispose);
      return;
    }
    stageReleases.forEach(Runnable::run);
    stageReleases.clear();
    stage = null;
    if (theme != null) {
      theme.dispose();
    }
  }

  private String title() {
    return shell.isSandbox() ? "RouteDesk — Sandbox" : "RouteDesk — " + shell.accountInfo().label();
  }

  /** Saves the layout whenever the stage moves or resizes, or the split moves. */
  private void followLayout(
      Stage target, WindowLayout layout, Consumer<WindowLayout> onLayoutChanged) {
    this.stage = target;
    this.startLayout = layout;
    Runnable save =
        () ->
            onLayoutChanged.accept(
                new WindowLayout(
                    target.isMaximized() ? layout.x() : target.getX(),
                    target.isMaximized() ? layout.y() : target.getY(),
                    target.isMaximized() ? layout.width() : target.getWidth(),
                    target.isMaximized() ? layout.height() : target.getHeight(),
                    target.isMaximized(),
                    split.getDividers().getFirst().getPosition(),
                    columnWidths().widths()));
    InvalidationListener listener = o -> save.run();
    List<Observable> watched =
        new ArrayList<>(
            List.of(
                target.xProperty(),
                target.yProperty(),
                target.widthProperty(),
                target.heightProperty(),
                target.maximizedProperty(),
                split.getDividers().getFirst().positionProperty()));
    tables().values().forEach(t -> t.getColumns().forEach(c -> watched.add(c.widthProperty())));
    for (Observable o : watched) {
      o.addListener(listener);
      stageReleases.add(() -> o.removeListener(listener));
    }
  }

  /** The tables whose column widths are remembered, by the name their widths are saved under. */
  private Map<String, TableView<?>> tables() {
    return Map.of("routes", routesView.tableView(), "numbers", numbersView.tableView());
  }

  /** The columns' widths now. */
  private ColumnWidths columnWidths() {
    ColumnWidths widths = ColumnWidths.NONE;
    for (Map.Entry<String, TableView<?>> t : tables().entrySet()) {
      for (TableColumn<?, ?> c : t.getValue().getColumns()) {
        if (c.getId() != null && c.getWidth() > 0) {
          widths = widths.with(t.getKey(), c.getId(), c.getWidth());
        }
      }
    }
    return widths;
  }

  /**
   * Starts the columns at the widths the user left them; the tables' resize policy then fits them
   * to the width there is, keeping their proportions.
   */
  private void restoreColumnWidths(ColumnWidths widths) {
    tables()
        .forEach(
            (name, table) -> {
              for (TableColumn<?, ?> c : table.getColumns()) {
                if (c.getId() != null) {
                  widths.width(name, c.getId(), c.getMinWidth()).ifPresent(c::setPrefWidth);
                }
              }
            });
  }

  public StackPane root() {
    return root;
  }

  public RoutesView routesView() {
    return routesView;
  }

  public NumbersView numbersView() {
    return numbersView;
  }

  public RouteFormView formView() {
    return formView;
  }

  // ---- route form ---------------------------------------------------------------------------

  public void openNewRouteForm() {
    if (form.modeProperty().get() != RouteFormViewModel.Mode.CREATE || !isFormOpen()) {
      form.startCreate();
    }
    showForm();
  }

  public void openEditForm(Route route) {
    form.startEdit(route);
    showForm();
  }

  public void openEditDraftForm(Draft draft) {
    form.startEditDraft(draft);
    showForm();
  }

  /**
   * Adds a banner under the menu bar and the account banner (e.g. offline, local data notices); it
   * stays when the account controls are put in.
   */
  public void addBanner(Node banner) {
    extraBanners.getChildren().add(banner);
  }

  private void showForm() {
    if (!formOpen) {
      formOpen = true;
      placeForm();
      // The scroll pane puts the form into the scene when its skin is made, at the next CSS pass:
      // make it now, or the first field cannot take the focus yet.
      formSlot.applyCss();
    }
    Platform.runLater(formView::focusFirstField);
  }

  public boolean isFormOpen() {
    return formOpen;
  }

  /** True while the open form floats over the numbers (a narrow window) instead of docking. */
  public boolean isFormFloating() {
    return formOpen && center.getChildren().contains(formSlot);
  }

  public void closeForm() {
    formOpen = false;
    frame.setRight(null);
    center.getChildren().remove(formSlot);
    routesView.tableView().requestFocus();
  }

  /**
   * Widths change during a layout pass, which must not see its children change under it: the form
   * moves after the pass (once, however many widths changed).
   */
  private void placeFormLater() {
    if (formOpen && !formPlacementQueued) {
      formPlacementQueued = true;
      Platform.runLater(
          () -> {
            formPlacementQueued = false;
            placeForm();
          });
    }
  }

  /**
   * Docks the open form as a column when the numbers keep room beside it, floats it over the
   * numbers otherwise; the field being typed in keeps the focus when the form moves.
   */
  private void placeForm() {
    if (!formOpen) {
      return;
    }
    // The route list keeps its width when the form docks (it does not resize with the window), so
    // the numbers would get what the list and the form leave.
    boolean docked =
        root.getWidth() - routesView.getWidth() - formSlot.getPrefWidth()
            >= NUMBERS_BESIDE_FORM_MIN_WIDTH;
    boolean floating = center.getChildren().contains(formSlot);
    if (docked && frame.getRight() == formSlot || !docked && floating) {
      return;
    }
    Node focus = scene == null ? null : scene.getFocusOwner();
    boolean focusInForm = focus != null && isInside(focus, formSlot);
    if (docked) {
      center.getChildren().remove(formSlot);
      frame.setRight(formSlot);
    } else {
      frame.setRight(null);
      // Over the panels (the toasts are above the whole frame).
      center.getChildren().add(formSlot);
    }
    formSlot.pseudoClassStateChanged(FLOATING, !docked);
    if (focusInForm) {
      focus.requestFocus();
    }
  }

  private static boolean isInside(Node node, Node ancestor) {
    for (Node n = node; n != null; n = n.getParent()) {
      if (n == ancestor) {
        return true;
      }
    }
    return false;
  }

  // ---- chrome -------------------------------------------------------------------------------

  private HBox sandboxBanner() {
    Label text =
        new Label(
            "You are exploring the built-in sandbox: a simulated Flowroute account on this"
                + " computer. Nothing you change here reaches Flowroute.");
    text.setWrapText(true);
    text.setGraphic(Icons.icon(Icons.SANDBOX));
    text.setId("sandbox-banner-text");
    HBox.setHgrow(text, Priority.ALWAYS);
    text.setMaxWidth(Double.MAX_VALUE);
    Button connect = new Button("Connect account…", Icons.icon(Icons.CONNECT));
    connect.setId("connect-account");
    connect.setAccessibleText("Connect your Flowroute account");
    connect.getStyleClass().add(Styles.ACCENT);
    connect.setOnAction(e -> shell.connectAccount());
    HBox box = new HBox(12, text, connect);
    box.setAlignment(Pos.CENTER_LEFT);
    box.getStyleClass().add("sandbox-banner");
    box.setId("sandbox-banner");
    return box;
  }

  private MenuBar menuBar() {
    shortcuts
        .bind(Command.REFRESH, shell::refresh)
        .bind(Command.CLOSE_WINDOW, () -> scene.getWindow().hide())
        .bind(Command.UNDO, this::undo)
        .bind(Command.FIND_NUMBERS, numbersView::focusSearch)
        .bind(Command.FIND_ROUTES, routesView::focusSearch)
        .bind(Command.NEW_ROUTE, this::openNewRouteForm)
        .bind(Command.EDIT_ROUTE, () -> routesView.requestEdit(selectedRoute()))
        .bind(Command.DELETE_ROUTE, () -> routesView.requestDelete(selectedRoute()))
        .bind(Command.PUBLISH_ALL_DRAFTS, routes::publishAll)
        .bind(Command.GO_TO_ROUTES, () -> routesView.tableView().requestFocus())
        .bind(Command.ASSIGN_PRIMARY, () -> numbersView.assignWithPicker(VoiceSlot.PRIMARY))
        .bind(Command.ASSIGN_FAILOVER, () -> numbersView.assignWithPicker(VoiceSlot.FAILOVER))
        .bind(Command.REMOVE_FAILOVER, numbersView::removeFailover)
        .bind(Command.GO_TO_NUMBERS, () -> numbersView.tableView().requestFocus())
        .bind(Command.SHOW_SHORTCUTS, this::showShortcuts)
        .bind(Command.QUIT, this::requestQuit)
        .bind(Command.ABOUT, this::showAbout)
        .bind(Command.DOCUMENTATION, () -> openLink.accept(about.documentationUrl()));

    Menu file = new Menu("_File");
    MenuItem connect =
        item(
            shell.isSandbox() ? "Connect account…" : "Connect another account…",
            e -> shell.connectAccount());
    file.getItems().addAll(connect, new SeparatorMenuItem());
    if (shell.isSandbox()) {
      file.getItems().add(1, resetSandboxItem());
    }
    file.getItems()
        .addAll(
            shortcuts.menuItem(Command.REFRESH),
            new SeparatorMenuItem(),
            shortcuts.menuItem(Command.CLOSE_WINDOW),
            quitItem());

    MenuItem undo = shortcuts.menuItem(Command.UNDO);
    undo.textProperty().bind(numbers.undoTextProperty());
    Menu edit =
        new Menu(
            "_Edit",
            null,
            undo,
            new SeparatorMenuItem(),
            shortcuts.menuItem(Command.FIND_NUMBERS),
            shortcuts.menuItem(Command.FIND_ROUTES));

    Menu routeMenu =
        new Menu(
            "_Routes",
            null,
            shortcuts.menuItem(Command.NEW_ROUTE),
            shortcuts.menuItem(Command.EDIT_ROUTE),
            shortcuts.menuItem(Command.DELETE_ROUTE),
            new SeparatorMenuItem(),
            shortcuts.menuItem(Command.PUBLISH_ALL_DRAFTS),
            new SeparatorMenuItem(),
            item(
                "Show numbers using the route",
                e -> {
                  RouteRow r = selectedRoute();
                  if (r != null) {
                    numbers.showNumbersUsing(r.id());
                  }
                }),
            shortcuts.menuItem(Command.GO_TO_ROUTES));

    Menu numberMenu =
        new Menu(
            "_Numbers",
            null,
            shortcuts.menuItem(Command.ASSIGN_PRIMARY),
            shortcuts.menuItem(Command.ASSIGN_FAILOVER),
            shortcuts.menuItem(Command.REMOVE_FAILOVER),
            new SeparatorMenuItem(),
            shortcuts.menuItem(Command.GO_TO_NUMBERS));

    Menu theme = new Menu("Theme");
    ToggleGroup themes = new ToggleGroup();
    for (ThemeMode m : ThemeMode.values()) {
      RadioMenuItem r = new RadioMenuItem(m.label());
      r.setToggleGroup(themes);
      r.setSelected(shell.themeModeProperty().get() == m);
      r.setOnAction(e -> shell.themeModeProperty().set(m));
      shell.themeModeProperty().addListener((o, a, b) -> r.setSelected(b == m));
      theme.getItems().add(r);
    }
    Menu view = new Menu("_View", null, theme);

    MenuItem docs = shortcuts.menuItem(Command.DOCUMENTATION);
    documentation.setText(docs.getText());
    documentation.setOnAction(docs.getOnAction());
    documentation.setId("menu-documentation");
    // A build that names no documentation address shows no item rather than one never usable.
    documentation.setVisible(about.hasDocumentation());
    MenuItem aboutItem = shortcuts.menuItem(Command.ABOUT);
    aboutItem.setId("menu-about");
    Menu help =
        new Menu(
            "_Help",
            null,
            shortcuts.menuItem(Command.SHOW_SHORTCUTS),
            documentation,
            new SeparatorMenuItem(),
            aboutItem);
    MenuBar bar = new MenuBar(file, edit, routeMenu, numberMenu, view, help);
    // macOS: the menus go to the screen's menu bar, where Mac users look for them (elsewhere
    // JavaFX has no system menu bar and ignores this).
    bar.setUseSystemMenuBar(true);
    bar.setId("menu-bar");
    bar.setAccessibleText("Menu bar");
    return bar;
  }

  /** File → Quit (Ctrl+Q / ⌘Q). */
  private MenuItem quitItem() {
    MenuItem item = shortcuts.menuItem(Command.QUIT);
    item.setId("menu-quit");
    return item;
  }

  /** Quits, after asking when quitting would stop changes still being sent to Flowroute. */
  private void requestQuit() {
    String work = workInProgress.get();
    if (work != null && !work.isBlank()) {
      ButtonType stop = new ButtonType("Stop them and quit", ButtonBar.ButtonData.OK_DONE);
      ButtonType stay = new ButtonType("Keep working", ButtonBar.ButtonData.CANCEL_CLOSE);
      Alert ask = new Alert(Alert.AlertType.WARNING, null, stop, stay);
      Dialogs.adopt(ask, scene.getWindow());
      ask.setTitle("Quit RouteDesk");
      ask.setHeaderText("Changes are still being sent to Flowroute");
      ask.setContentText(
          work
              + " If you quit now, the rest is not sent: numbers not changed yet keep their"
              + " current routes.");
      ((Button) ask.getDialogPane().lookupButton(stop)).setDefaultButton(false);
      ((Button) ask.getDialogPane().lookupButton(stay)).setDefaultButton(true);
      if (ask.showAndWait().orElse(stay) != stop) {
        return;
      }
    }
    quit.run();
  }

  /** Help → About: the details a support request needs, with a button that copies them. */
  private void showAbout() {
    ButtonType copy = new ButtonType("Copy details", ButtonBar.ButtonData.LEFT);
    Alert a = new Alert(Alert.AlertType.NONE, null, copy, ButtonType.CLOSE);
    Dialogs.adopt(a, scene.getWindow());
    a.setTitle("About RouteDesk");
    a.setHeaderText("RouteDesk " + about.version());
    Label details = new Label(about.details());
    details.setId("about-details");
    details.setWrapText(true);
    details.setMaxWidth(560);
    a.getDialogPane().setContent(details);
    Button copyButton = (Button) a.getDialogPane().lookupButton(copy);
    copyButton.setId("about-copy");
    // Copying keeps the dialog open (a dialog's buttons close it by default).
    copyButton.addEventFilter(
        ActionEvent.ACTION,
        e -> {
          ClipboardContent content = new ClipboardContent();
          content.putString(about.details());
          Clipboard.getSystemClipboard().setContent(content);
          copyButton.setText("Copied");
          e.consume();
        });
    a.showAndWait();
  }

  /** File → Reset sandbox…: asks first, since every change made in the sandbox goes. */
  private MenuItem resetSandboxItem() {
    MenuItem reset = item("Reset sandbox…", e -> confirmResetSandbox());
    reset.setId("reset-sandbox");
    reset.disableProperty().bind(shell.canResetSandboxProperty().not());
    return reset;
  }

  private void confirmResetSandbox() {
    ButtonType reset = new ButtonType("Reset sandbox", ButtonBar.ButtonData.OK_DONE);
    Alert a =
        new Alert(
            Alert.AlertType.CONFIRMATION,
            ShellViewModel.RESET_SANDBOX_QUESTION,
            reset,
            ButtonType.CANCEL);
    Dialogs.adopt(a, scene.getWindow());
    a.setTitle("Reset sandbox");
    a.setHeaderText("Start the sandbox over from the demo account?");
    a.showAndWait().filter(b -> b == reset).ifPresent(b -> shell.resetSandbox());
  }

  private RouteRow selectedRoute() {
    return routes.selectedProperty().get();
  }

  /** Undo (Ctrl/⌘+Z) undoes typing in a text field first; elsewhere it undoes the last batch. */
  private void undo() {
    Node focus = scene.getFocusOwner();
    if (focus instanceof TextInputControl t) {
      if (t.isUndoable()) {
        t.undo();
      }
      return;
    }
    numbers.undo();
  }

  /** A menu item without a key (those with one come from {@link Shortcuts#menuItem}). */
  private static MenuItem item(String text, EventHandler<ActionEvent> action) {
    MenuItem i = new MenuItem(text);
    i.setOnAction(action);
    return i;
  }

  private void showShortcuts() {
    List<Shortcuts.HelpRow> rows = shortcuts.helpRows();
    GridPane grid = new GridPane();
    grid.setHgap(24);
    grid.setVgap(6);
    for (int i = 0; i < rows.size(); i++) {
      Label key = new Label(rows.get(i).keys());
      key.getStyleClass().add("kbd");
      grid.add(key, 0, i);
      grid.add(new Label(rows.get(i).description()), 1, i);
    }
    Alert a = new Alert(Alert.AlertType.NONE, null, ButtonType.CLOSE);
    Dialogs.adopt(a, scene.getWindow());
    a.setTitle("Keyboard shortcuts");
    a.setHeaderText("Keyboard shortcuts");
    a.getDialogPane().setContent(grid);
    a.showAndWait();
  }
}
