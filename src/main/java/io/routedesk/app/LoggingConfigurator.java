package io.routedesk.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;

/**
 * Configures logback in code (found through ServiceLoader): parsing a logback.xml took about 40% of
 * the time to the first window. Writes {@code routedesk.log} in the folder the Launcher puts in the
 * system property {@code routedesk.logDir} (rotated at 5 MB, 3 kept) and to the console (not for
 * the command line, whose output scripts read: {@code routedesk.logConsole=false}). Where a {@code
 * logback-test.xml} is on the class path (the tests), that file is used instead.
 */
public final class LoggingConfigurator extends ContextAwareBase implements Configurator {
  static final String LOG_DIR_PROPERTY = "routedesk.logDir";
  static final String LOG_CONSOLE_PROPERTY = "routedesk.logConsole";

  private final boolean deferToTestConfiguration;

  /** What ServiceLoader calls. */
  public LoggingConfigurator() {
    this(true);
  }

  LoggingConfigurator(boolean deferToTestConfiguration) {
    this.deferToTestConfiguration = deferToTestConfiguration;
  }

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (deferToTestConfiguration
        && LoggingConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    String dir =
        System.getProperty(
            LOG_DIR_PROPERTY, System.getProperty("java.io.tmpdir") + "/routedesk-logs");

    RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
    file.setContext(context);
    file.setName("FILE");
    file.setFile(dir + "/routedesk.log");
    FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
    rolling.setContext(context);
    rolling.setParent(file);
    rolling.setFileNamePattern(dir + "/routedesk.%i.log");
    rolling.setMinIndex(1);
    rolling.setMaxIndex(3);
    rolling.start();
    SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
    trigger.setContext(context);
    trigger.setMaxFileSize(FileSize.valueOf("5MB"));
    trigger.start();
    file.setRollingPolicy(rolling);
    file.setTriggeringPolicy(trigger);
    file.setEncoder(encoder(context, "%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n"));
    file.start();

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(file);
    if (Boolean.parseBoolean(System.getProperty(LOG_CONSOLE_PROPERTY, "true"))) {
      ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
      console.setContext(context);
      console.setName("CONSOLE");
      console.setEncoder(encoder(context, "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n"));
      console.start();
      root.addAppender(console);
    }
    context.getLogger("io.routedesk").setLevel(Level.INFO);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(pattern);
    encoder.start();
    return encoder;
  }
}
