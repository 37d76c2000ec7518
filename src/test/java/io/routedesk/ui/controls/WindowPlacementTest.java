package io.routedesk.ui.controls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routedesk.ui.controls.WindowPlacement.Area;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Window placement arithmetic, without the toolkit. */
class WindowPlacementTest {
  private static final Area FULL_HD = new Area(0, 0, 1920, 1080);
  private static final Area SMALL_LAPTOP = new Area(0, 0, 1280, 800);
  private static final Area LAPTOP = new Area(0, 0, 1366, 768);

  private static void assertFullyOn(Area window, Area screen) {
    assertThat(window.x()).isGreaterThanOrEqualTo(screen.x());
    assertThat(window.y()).isGreaterThanOrEqualTo(screen.y());
    assertThat(window.maxX()).isLessThanOrEqualTo(screen.maxX());
    assertThat(window.maxY()).isLessThanOrEqualTo(screen.maxY());
  }

  @Test
  void aFirstStartOnALargeScreenKeepsTheDefaultSizeCentred() {
    Area w = WindowPlacement.place(null, null, 1320, 820, List.of(FULL_HD));
    assertThat(w).isEqualTo(new Area(300, 130, 1320, 820));
  }

  @Test
  void aFirstStartOnA1280x800ScreenShrinksTheWindowToTheScreenLessMargins() {
    Area w = WindowPlacement.place(null, null, 1320, 820, List.of(SMALL_LAPTOP));
    assertThat(w).isEqualTo(new Area(16, 16, 1248, 768));
    assertFullyOn(w, SMALL_LAPTOP);
  }

  @Test
  void aFirstStartOnA1366x768ScreenKeepsTheWidthThatFitsAndShrinksTheHeight() {
    Area w = WindowPlacement.place(null, null, 1320, 820, List.of(LAPTOP));
    assertThat(w).isEqualTo(new Area(23, 16, 1320, 736));
    assertFullyOn(w, LAPTOP);
  }

  @Test
  void aFirstStartKeepsClearOfTaskBarsAndPanels() {
    // GNOME's top bar (27 px) and a dock at the bottom: the visual bounds start lower.
    Area visual = new Area(0, 27, 1280, 733);
    Area w = WindowPlacement.place(null, null, 1320, 820, List.of(visual));
    assertThat(w).isEqualTo(new Area(16, 43, 1248, 701));
    assertFullyOn(w, visual);
  }

  @Test
  void aFirstStartOpensOnThePrimaryScreenEvenWithOthers() {
    Area left = new Area(-1280, 0, 1280, 1024);
    Area w = WindowPlacement.place(null, null, 1320, 820, List.of(FULL_HD, left));
    assertFullyOn(w, FULL_HD);
  }

  @Test
  void aRememberedPlaceThatIsOnScreenIsKeptAsItWas() {
    Area w = WindowPlacement.place(100.0, 50.0, 1200.0, 700.0, List.of(FULL_HD));
    assertThat(w).isEqualTo(new Area(100, 50, 1200, 700));
  }

  @Test
  void aRememberedPlacePartlyOffTheScreenIsMovedBackOntoIt() {
    Area w = WindowPlacement.place(1000.0, -40.0, 800.0, 600.0, List.of(SMALL_LAPTOP));
    assertThat(w).isEqualTo(new Area(480, 0, 800, 600));
  }

  @Test
  void aWindowLeftOnAnUnpluggedMonitorOpensCentredOnThePrimaryScreen() {
    // It was on a monitor to the left of the primary one, which is gone now.
    Area w = WindowPlacement.place(-1700.0, 100.0, 1320.0, 820.0, List.of(SMALL_LAPTOP));
    assertThat(w).isEqualTo(new Area(16, 16, 1248, 768));
  }

  @Test
  void aWindowLargerThanTheScreenAfterAResolutionChangeIsShrunkOntoIt() {
    // Saved full-screen-sized on 1920x1080; the screen is 1366x768 now.
    Area w = WindowPlacement.place(0.0, 0.0, 1920.0, 1050.0, List.of(LAPTOP));
    assertThat(w.width()).isEqualTo(1334);
    assertThat(w.height()).isEqualTo(736);
    assertFullyOn(w, LAPTOP);
  }

  @Test
  void aWindowOnASecondScreenThatIsStillThereStaysOnIt() {
    Area right = new Area(1920, 0, 2560, 1440);
    Area w = WindowPlacement.place(2100.0, 100.0, 1600.0, 1000.0, List.of(FULL_HD, right));
    assertThat(w).isEqualTo(new Area(2100, 100, 1600, 1000));
  }

  @Test
  void aScreenLeftOfThePrimaryOneWithNegativeCoordinatesCounts() {
    Area left = new Area(-1280, 0, 1280, 1024);
    Area w = WindowPlacement.place(-1000.0, 100.0, 800.0, 600.0, List.of(FULL_HD, left));
    assertThat(w).isEqualTo(new Area(-1000, 100, 800, 600));
  }

  @Test
  void aWindowAcrossTwoScreensGoesOntoTheOneShowingMostOfIt() {
    Area right = new Area(1920, 0, 1920, 1080);
    // 120 px on the left screen, 280 px on the right one.
    Area w = WindowPlacement.place(1800.0, 100.0, 400.0, 300.0, List.of(FULL_HD, right));
    assertThat(w).isEqualTo(new Area(1920, 100, 400, 300));
  }

  @Test
  void aSmallerSecondaryScreenShrinksAWindowRememberedOnIt() {
    Area small = new Area(1920, 200, 1024, 600);
    Area w = WindowPlacement.place(2000.0, 250.0, 1320.0, 820.0, List.of(FULL_HD, small));
    assertThat(w.width()).isEqualTo(992);
    assertThat(w.height()).isEqualTo(568);
    assertFullyOn(w, small);
  }

  @Test
  void aTinyScreenIsUsedWholeRatherThanLosingItToMargins() {
    Area tiny = new Area(0, 0, 150, 120);
    Area w = WindowPlacement.place(null, null, 800, 600, List.of(tiny));
    assertThat(w).isEqualTo(tiny);
  }

  @Test
  void withoutScreensTheWantedBoundsAreKept() {
    assertThat(WindowPlacement.place(5.0, 6.0, 700, 500, List.of()))
        .isEqualTo(new Area(5, 6, 700, 500));
    assertThat(WindowPlacement.place(null, null, 700, 500, List.of()))
        .isEqualTo(new Area(0, 0, 700, 500));
  }

  @Test
  void aMinimumSizeNeverExceedsTheScreen() {
    assertThat(WindowPlacement.minimum(720, 1280)).isEqualTo(720);
    assertThat(WindowPlacement.minimum(720, 640)).isEqualTo(640);
  }

  @Test
  void anUnknownSizeIsRefused() {
    assertThatThrownBy(() -> new Area(0, 0, Double.NaN, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Area(0, 0, 10, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
