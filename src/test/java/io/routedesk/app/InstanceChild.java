package io.routedesk.app;

import java.nio.file.Path;

/**
 * Child JVM of {@link SingleInstanceTest}: claims a data folder as the launcher does. The owner
 * prints "OWNER" and then "ACTIVATED" each time a second start asks for its window; a second start
 * prints "SECOND", whether the owner answered, and its message, then ends.
 */
public final class InstanceChild {
  private InstanceChild() {}

  public static void main(String[] args) throws Exception {
    switch (SingleInstance.claim(Path.of(args[0]))) {
      case SingleInstance.Owner owner -> {
        owner.instance().onActivate(() -> say("ACTIVATED"));
        say("OWNER");
        Thread.sleep(Long.MAX_VALUE);
      }
      case SingleInstance.AlreadyRunning running ->
          say("SECOND " + running.activated() + " " + running.message());
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
