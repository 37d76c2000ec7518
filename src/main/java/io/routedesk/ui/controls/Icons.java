package io.routedesk.ui.controls;

import io.routedesk.domain.RouteType;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.IkonResolverProvider;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.javafx.JavaFXFontLoader;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The window's icons (Ikonli material2), one place so meanings stay consistent. */
public final class Icons {
  private Icons() {}

  public static final Ikon ADD = Material2AL.ADD;
  public static final Ikon REFRESH = Material2MZ.REFRESH;
  public static final Ikon SEARCH = Material2MZ.SEARCH;
  public static final Ikon CLEAR = Material2AL.CLOSE;
  public static final Ikon CLOSE = Material2AL.CLOSE;
  public static final Ikon EDIT = Material2AL.EDIT;
  public static final Ikon DELETE = Material2AL.DELETE_OUTLINE;
  public static final Ikon UNDO = Material2MZ.UNDO;
  public static final Ikon RETRY = Material2MZ.REPLAY;
  public static final Ikon PRIMARY = Material2AL.CALL_MADE;
  public static final Ikon FAILOVER = Material2AL.ALT_ROUTE;
  public static final Ikon REMOVE = Material2MZ.REMOVE_CIRCLE_OUTLINE;
  public static final Ikon SANDBOX = Material2MZ.SCIENCE;
  public static final Ikon CONNECT = Material2AL.LOGIN;
  public static final Ikon ONLINE = Material2AL.CLOUD_DONE;
  public static final Ikon OFFLINE = Material2AL.CLOUD_OFF;
  public static final Ikon SUCCESS = Material2AL.CHECK_CIRCLE_OUTLINE;
  public static final Ikon WARNING = Material2MZ.WARNING;
  public static final Ikon ERROR = Material2AL.ERROR_OUTLINE;
  public static final Ikon INFO = Material2AL.INFO;
  public static final Ikon PENDING = Material2AL.HOURGLASS_EMPTY;
  public static final Ikon THEME = Material2AL.BRIGHTNESS_6;
  public static final Ikon DRAG = Material2AL.DRAG_INDICATOR;
  public static final Ikon FILTER = Material2AL.FILTER_LIST;
  public static final Ikon EMPTY_ROUTES = Material2AL.ALT_ROUTE;
  public static final Ikon EMPTY_NUMBERS = Material2AL.DIALPAD;
  public static final Ikon KEYBOARD = Material2AL.KEYBOARD;
  public static final Ikon CANCEL = Material2AL.BLOCK;
  public static final Ikon PUBLISH = Material2AL.CLOUD_UPLOAD;
  public static final Ikon DRAFT = Material2AL.DRAFTS;
  public static final Ikon SAVE = Material2MZ.SAVE;
  public static final Ikon STORAGE = Material2MZ.STORAGE;
  public static final Ikon COPY = Material2AL.CONTENT_COPY;

  public static Ikon of(RouteType type) {
    return switch (type) {
      case HOST -> Material2AL.DNS;
      case NUMBER -> Material2MZ.PHONE_FORWARDED;
      case URI -> Material2AL.ALTERNATE_EMAIL;
      case SIP_REG -> Material2MZ.SETTINGS_PHONE;
      case OTHER -> Material2AL.HELP_OUTLINE;
    };
  }

  public static FontIcon icon(Ikon ikon) {
    return new FontIcon(ikon);
  }

  /**
   * Loads the icon fonts now, so that the first icon made on the FX thread finds them loaded. The
   * first icon otherwise does it on the FX thread: Ikonli looks up its icon packs and loads all
   * four Material fonts (about 1 MB), some 30 to 40 ms of the start-up's busiest thread. Ikonli
   * loads them once, under a lock, so an icon made meanwhile waits for this instead of loading them
   * again. Blocking; needs the JavaFX toolkit started (fonts); any thread.
   */
  public static void loadFonts() {
    // The resolver FontIcon uses: made once, under a lock; making it loads every pack's font.
    IkonResolverProvider.getInstance(JavaFXFontLoader.getInstance()).resolve(ADD.getDescription());
  }

  public static FontIcon icon(Ikon ikon, String styleClass) {
    FontIcon i = new FontIcon(ikon);
    i.getStyleClass().add(styleClass);
    return i;
  }

  /**
   * An icon for table cells, where hundreds of them are styled at once: sized here and styled only
   * through {@code styleClass} (which must set {@code -fx-icon-color}).
   *
   * <p>It does not carry Ikonli's {@code ikonli-font-icon} class: about 90 selectors of the theme
   * and the app end in it ({@code .button .ikonli-font-icon}, ...), and JavaFX checks each against
   * every ancestor of every such icon, up to the window's root, whenever the icon is styled. The
   * size is set before the icon is shown, in the order Ikonli keeps its inline font style stable: a
   * size set later by CSS or an icon set before the size would rewrite that style, and each rewrite
   * re-styles the icon from scratch.
   *
   * @param ikon the first icon shown, or null for none yet (an empty glyph that takes no width)
   */
  public static FontIcon cellIcon(Ikon ikon, int size, String styleClass) {
    FontIcon i = new FontIcon();
    i.getStyleClass().setAll(styleClass);
    i.setIconSize(size);
    if (ikon != null) {
      i.setIconCode(ikon);
    }
    return i;
  }

  /**
   * Shows {@code ikon} on a cell icon, or no glyph for null: an empty icon takes no width, so the
   * cell's text starts where it would without one. Cells keep their icon node this way instead of
   * taking it out and putting it back, which would style it from scratch each time.
   */
  public static void show(FontIcon icon, Ikon ikon) {
    if (ikon == null) {
      icon.setText("");
      return;
    }
    icon.setIconCode(ikon);
    // The glyph, as FontIcon sets it when the icon changes; needed again after no glyph.
    icon.setText(new String(Character.toChars(ikon.getCode())));
  }
}
