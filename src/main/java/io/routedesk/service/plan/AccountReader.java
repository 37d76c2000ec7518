package io.routedesk.service.plan;

import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.service.AccountService;
import io.routedesk.service.NumbersLoadListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Reads an account's routing fresh from Flowroute (never from the saved copy): routes, numbers and
 * each number's routing, through {@link AccountService}'s streaming load.
 */
public final class AccountReader {
  private final AccountService account;

  public AccountReader(AccountService account) {
    this.account = account;
  }

  /** Progress of a read: routing reads done of the numbers known so far. */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = (done, total) -> {};

    void progress(long done, long total);
  }

  /**
   * Completes with the account's routing; numbers whose routing could not be read are in {@link
   * AccountRouting#unreadable()}. Completes exceptionally when the routes or the number list cannot
   * be read.
   */
  public CompletableFuture<AccountRouting> read(Progress progress, CancellationToken cancel) {
    Collector collector = new Collector(progress);
    CompletableFuture<List<Route>> routes = account.routes();
    return account
        .loadNumbers(collector, cancel)
        .thenCombine(routes, (load, r) -> collector.result(r));
  }

  /** Called serially by the load (never concurrently), then read once it has completed. */
  private static final class Collector implements NumbersLoadListener {
    private final Progress progress;
    private final List<PhoneNumber> numbers = new ArrayList<>();
    private final Map<String, NumberRouting> routing = new HashMap<>();
    private final Map<String, String> unreadable = new HashMap<>();

    Collector(Progress progress) {
      this.progress = progress;
    }

    @Override
    public void numbers(List<PhoneNumber> page) {
      numbers.addAll(page);
    }

    @Override
    public void routing(List<NumberDetails> details, Map<String, FlowrouteException> failed) {
      details.forEach(d -> routing.put(d.number().number(), d.routing()));
      failed.forEach((n, e) -> unreadable.put(n, e.getMessage()));
    }

    @Override
    public void routingProgress(long done, long total) {
      progress.progress(done, total);
    }

    synchronized AccountRouting result(List<Route> routes) {
      Map<String, NumberRouting> ordered = new LinkedHashMap<>();
      Map<String, String> missing = new LinkedHashMap<>();
      for (PhoneNumber n : numbers) {
        NumberRouting r = routing.get(n.number());
        if (r != null) {
          ordered.put(n.number(), r);
        } else {
          missing.put(n.number(), unreadable.getOrDefault(n.number(), "not read"));
        }
      }
      return new AccountRouting(routes, numbers, ordered, missing);
    }
  }
}
