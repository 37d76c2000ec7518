package io.routedesk.ui.controls;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The window's commands with their keys ({@link Command}) and, once the shell binds them, their
 * actions: the one source of menu items, scene accelerators, the shortcut help and the key hints in
 * tooltips, with keys written the way the platform writes them ("⇧⌘P" on macOS, "Ctrl+Shift+P"
 * elsewhere). The text follows JavaFX's {@link KeyCombination#getDisplayText()}, which can only
 * speak for the platform it runs on; here the platform is a parameter.
 */
public final class Shortcuts {
  /** One row of the shortcut help. */
  public record HelpRow(String keys, String description) {}

  private final KeyPlatform platform;
  private final Map<Command, Runnable> actions = new EnumMap<>(Command.class);

  public Shortcuts(KeyPlatform platform) {
    this.platform = Objects.requireNonNull(platform, "platform");
  }

  /** A registry for the platform this runs on, with no actions bound yet. */
  public static Shortcuts forThisComputer() {
    return new Shortcuts(KeyPlatform.current());
  }

  public KeyPlatform platform() {
    return platform;
  }

  /** Gives a command its action; {@link #menuItem} and {@link #installAccelerators} use it. */
  public Shortcuts bind(Command command, Runnable action) {
    actions.put(command, Objects.requireNonNull(action, "action"));
    return this;
  }

  /** A menu item with the command's label, its first accelerator and its bound action. */
  public MenuItem menuItem(Command command) {
    MenuItem item = new MenuItem(Objects.requireNonNull(command.menuLabel(), command + " label"));
    List<KeyCombination> keys = command.accelerators(platform);
    if (!keys.isEmpty()) {
      item.setAccelerator(keys.getFirst());
    }
    Runnable action = actions.get(command);
    if (action != null) {
      item.setOnAction(e -> action.run());
    }
    return item;
  }

  /**
   * Registers on the scene every accelerator a menu item cannot carry (a menu item has one): the
   * second and later keys of each bound command, such as ⌘R beside F5 for Refresh.
   */
  public void installAccelerators(Scene scene) {
    actions.forEach(
        (command, action) -> {
          List<KeyCombination> keys = command.accelerators(platform);
          for (KeyCombination key : keys.subList(Math.min(1, keys.size()), keys.size())) {
            scene.getAccelerators().put(key, action);
          }
        });
  }

  /** Every key of the command as the platform writes it, joined by " / "; "" when it has none. */
  public String keys(Command command) {
    return Stream.concat(
            command.accelerators(platform).stream(), command.localKeys(platform).stream())
        .map(this::text)
        .collect(Collectors.joining(" / "));
  }

  /** The command's first key as the platform writes it: "Ctrl+P", "⌘P". */
  public String firstKey(Command command) {
    List<KeyCombination> all = new ArrayList<>(command.accelerators(platform));
    all.addAll(command.localKeys(platform));
    return all.isEmpty() ? "" : text(all.getFirst());
  }

  /** {@code "text (key)"}: a tooltip or hint naming the command's first key. */
  public String hint(String text, Command command) {
    String key = firstKey(command);
    return key.isEmpty() ? text : text + " (" + key + ")";
  }

  /** A tooltip of {@link #hint}. */
  public Tooltip tooltip(String text, Command command) {
    return new Tooltip(hint(text, command));
  }

  /** The shortcut help: every command with keys, in {@link Command} order. */
  public List<HelpRow> helpRows() {
    List<HelpRow> rows = new ArrayList<>();
    for (Command command : Command.values()) {
      String keys = keys(command);
      if (!keys.isEmpty()) {
        rows.add(new HelpRow(keys, command.helpText()));
      }
    }
    return rows;
  }

  /** One key combination as the platform writes it. */
  public String text(KeyCombination key) {
    StringBuilder text = new StringBuilder();
    boolean shortcut = key.getShortcut() == KeyCombination.ModifierValue.DOWN;
    boolean control = key.getControl() == KeyCombination.ModifierValue.DOWN;
    boolean alt = key.getAlt() == KeyCombination.ModifierValue.DOWN;
    boolean shift = key.getShift() == KeyCombination.ModifierValue.DOWN;
    boolean meta = key.getMeta() == KeyCombination.ModifierValue.DOWN;
    if (platform == KeyPlatform.MAC) {
      // Apple's order, glyphs without separators: ⌃⌥⇧⌘
      text.append(control ? "⌃" : "").append(alt ? "⌥" : "").append(shift ? "⇧" : "");
      text.append(meta || shortcut ? "⌘" : "");
    } else {
      text.append(control || shortcut ? "Ctrl+" : "").append(alt ? "Alt+" : "");
      text.append(shift ? "Shift+" : "").append(meta ? "Meta+" : "");
    }
    if (key instanceof KeyCodeCombination code) {
      text.append(keyName(code.getCode()));
    } else {
      text.append(key.getName());
    }
    return text.toString();
  }

  private String keyName(KeyCode code) {
    String glyph =
        switch (code) {
          case ENTER -> "↵";
          case LEFT -> "←";
          case UP -> "↑";
          case RIGHT -> "→";
          case DOWN -> "↓";
          case BACK_SPACE -> platform == KeyPlatform.MAC ? "⌫" : null;
          case ESCAPE -> platform == KeyPlatform.MAC ? "⎋" : null;
          case DELETE -> platform == KeyPlatform.MAC ? "⌦" : null;
          default -> code.isDigitKey() && code.getName().length() == 1 ? code.getName() : null;
        };
    if (glyph != null) {
      return glyph;
    }
    // "PAGE_UP" -> "Page Up", "F5" -> "F5", "N" -> "N"
    return Stream.of(code.toString().split("_"))
        .map(w -> w.charAt(0) + w.substring(1).toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(" "));
  }
}
