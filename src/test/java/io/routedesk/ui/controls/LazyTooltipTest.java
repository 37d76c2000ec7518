package io.routedesk.ui.controls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.event.Event;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class LazyTooltipTest {

  @BeforeAll
  static void startToolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @Test
  void theTooltipIsMadeWhenThePointerFirstEnters() throws Exception {
    Label owner = fx(Label::new);
    LazyTooltip tip = fx(() -> new LazyTooltip(owner, t -> t.setWrapText(true)));
    fx(
        () -> {
          tip.setText("Host: pbx.example.com");
          return null;
        });
    assertThat(fx(owner::getTooltip)).isNull();
    // Screen readers get the text from the start, as they got the tooltip's before.
    assertThat(fx(owner::getAccessibleHelp)).isEqualTo("Host: pbx.example.com");

    enter(owner);

    Tooltip made = fx(owner::getTooltip);
    assertThat(made).isNotNull();
    assertThat(fx(made::getText)).isEqualTo("Host: pbx.example.com");
    assertThat(fx(made::isWrapText)).isTrue();
  }

  @Test
  void onceMadeItFollowsTheTextAndGoesWithIt() throws Exception {
    Label owner = fx(Label::new);
    LazyTooltip tip = fx(() -> new LazyTooltip(owner));
    fx(
        () -> {
          tip.setText("first");
          return null;
        });
    enter(owner);
    Tooltip made = fx(owner::getTooltip);

    fx(
        () -> {
          tip.setText(null);
          return null;
        });
    assertThat(fx(owner::getTooltip)).isNull();
    assertThat(fx(owner::getAccessibleHelp)).isNull();

    fx(
        () -> {
          tip.setText("second");
          return null;
        });
    assertThat(fx(owner::getTooltip)).isSameAs(made);
    assertThat(fx(made::getText)).isEqualTo("second");
  }

  @Test
  void noTextNoTooltipEvenWhenHovered() throws Exception {
    Label owner = fx(Label::new);
    fx(() -> new LazyTooltip(owner));
    enter(owner);
    assertThat(fx(owner::getTooltip)).isNull();
  }

  private static void enter(Label owner) throws Exception {
    fx(
        () -> {
          Event.fireEvent(
              owner,
              new MouseEvent(
                  MouseEvent.MOUSE_ENTERED,
                  1,
                  1,
                  1,
                  1,
                  MouseButton.NONE,
                  0,
                  false,
                  false,
                  false,
                  false,
                  false,
                  false,
                  false,
                  false,
                  false,
                  false,
                  null));
          return null;
        });
  }

  private static <T> T fx(Callable<T> work) throws Exception {
    return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
  }
}
