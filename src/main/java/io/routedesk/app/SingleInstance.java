package io.routedesk.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RouteDesk per data folder. The first process takes an exclusive lock on {@code
 * routedesk.lock} in the data folder and listens on a loopback port written, with a random token,
 * to {@code routedesk.port}. A second process on the same folder cannot take the lock: it sends the
 * token to that port, which brings the running window to the front, and exits. When the first
 * process cannot be reached (an older build, a firewall), the second says that RouteDesk is already
 * running and exits all the same: two processes must never change the same account's data.
 *
 * <p>The operating system drops the lock when the process dies, so a crash never blocks the next
 * start.
 */
public final class SingleInstance implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SingleInstance.class);
  static final String LOCK_FILE = "routedesk.lock";
  static final String PORT_FILE = "routedesk.port";
  private static final String ACTIVATE = "ACTIVATE";

  private final FileChannel channel;
  private final FileLock lock;
  private final ServerSocket server;
  private final AtomicReference<Runnable> onActivate = new AtomicReference<>(() -> {});

  /** The claim of this run, held by the launcher until exit (null when none could be made). */
  private static volatile SingleInstance current;

  static void hold(SingleInstance instance) {
    current = instance;
  }

  /** This run's claim on its data folder, if it has one. */
  static Optional<SingleInstance> current() {
    return Optional.ofNullable(current);
  }

  private SingleInstance(FileChannel channel, FileLock lock, ServerSocket server) {
    this.channel = channel;
    this.lock = lock;
    this.server = server;
  }

  /** What a start found: this process owns the folder, or another one does. */
  public sealed interface Claim permits Owner, AlreadyRunning {}

  /** This process is the one RouteDesk of the folder; keep it until exit. */
  public record Owner(SingleInstance instance) implements Claim {}

  /**
   * Another process owns the folder.
   *
   * @param activated true when it was asked to show its window and said it would
   * @param message a sentence for the person who started this one
   */
  public record AlreadyRunning(boolean activated, String message) implements Claim {}

  /** Claims {@code dataFolder} for this process, or asks its owner to come to the front. */
  public static Claim claim(Path dataFolder) throws IOException {
    Files.createDirectories(dataFolder);
    FileChannel channel =
        FileChannel.open(
            dataFolder.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      boolean activated = askOwnerToActivate(dataFolder);
      return new AlreadyRunning(
          activated,
          activated
              ? "RouteDesk is already running with this data folder; its window was brought to"
                  + " the front."
              : "RouteDesk is already running with this data folder ("
                  + dataFolder
                  + "). Switch to its window, or close it before starting RouteDesk again.");
    }
    ServerSocket server = new ServerSocket();
    try {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
      Path portFile = dataFolder.resolve(PORT_FILE);
      Files.writeString(portFile, server.getLocalPort() + " " + token + "\n");
      SingleInstance instance = new SingleInstance(channel, lock, server);
      Thread.ofPlatform()
          .daemon()
          .name("routedesk-single-instance")
          .start(() -> instance.listen(token));
      return new Owner(instance);
    } catch (IOException | RuntimeException e) {
      server.close();
      lock.release();
      channel.close();
      throw e;
    }
  }

  /** What to run (on any thread) when a second start asks for the window. */
  public void onActivate(Runnable action) {
    onActivate.set(action);
  }

  private void listen(String token) {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        s.setSoTimeout(2_000);
        BufferedReader in =
            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        String line = in.readLine();
        OutputStream out = s.getOutputStream();
        if ((token + " " + ACTIVATE).equals(line)) {
          out.write("OK\n".getBytes(StandardCharsets.UTF_8));
          onActivate.get().run();
        } else {
          out.write("NO\n".getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
      } catch (IOException e) {
        if (!server.isClosed()) {
          LOG.debug("A second start could not be answered: {}", e.getMessage());
        }
      }
    }
  }

  private static boolean askOwnerToActivate(Path dataFolder) {
    Optional<String[]> port = readPortFile(dataFolder.resolve(PORT_FILE));
    if (port.isEmpty()) {
      return false;
    }
    try (Socket s = new Socket()) {
      s.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(port.get()[0])),
          2_000);
      s.setSoTimeout(2_000);
      OutputStream out = s.getOutputStream();
      out.write((port.get()[1] + " " + ACTIVATE + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      String answer =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      return "OK".equals(answer);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static Optional<String[]> readPortFile(Path file) {
    try {
      String[] parts = Files.readString(file).trim().split(" ");
      return parts.length == 2 ? Optional.of(parts) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    try {
      server.close();
      lock.release();
      channel.close();
    } catch (IOException e) {
      // The process is ending; the operating system releases the lock in any case.
    }
  }
}
