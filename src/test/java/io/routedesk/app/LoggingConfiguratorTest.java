package io.routedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoggingConfiguratorTest {

  @Test
  void writesInfoOfOurPackagesAndWarningsOfOthersToTheLogFolder(@TempDir Path logs)
      throws Exception {
    String previous = System.setProperty(LoggingConfigurator.LOG_DIR_PROPERTY, logs.toString());
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter()); // what logback's own start-up would set
    try {
      new LoggingConfigurator(false).configure(context);
      context.getLogger("io.routedesk.app.Test").info("window shown");
      context.getLogger("io.routedesk.app.Test").debug("too detailed");
      context.getLogger("okhttp3.Something").info("library chatter");
      context.getLogger("okhttp3.Something").warn("library warning");
    } finally {
      context.stop();
      if (previous == null) {
        System.clearProperty(LoggingConfigurator.LOG_DIR_PROPERTY);
      } else {
        System.setProperty(LoggingConfigurator.LOG_DIR_PROPERTY, previous);
      }
    }

    String log = Files.readString(logs.resolve("routedesk.log"));
    assertThat(log).contains("window shown", "library warning");
    assertThat(log).doesNotContain("too detailed", "library chatter");
  }
}
