package io.routedesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.Draft;
import io.routedesk.domain.DraftState;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PendingAssignment;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database written by the first release (schema version 1) opens in this build with its data
 * intact and ends up with exactly the schema of a new database. The version-1 DDL below is a frozen
 * copy of what shipped: if migration 1 is ever edited, the schema comparison fails.
 */
class MigrationTest {
  @TempDir Path dir;

  /** Schema version 1 exactly as released. Never change this text. */
  private static final String[] V1_DDL = {
    """
    CREATE TABLE schema_version ( version INTEGER PRIMARY KEY, description TEXT NOT NULL,\
     applied_at INTEGER NOT NULL)""",
    """
    CREATE TABLE route (
      id TEXT PRIMARY KEY,
      alias TEXT,
      type TEXT NOT NULL,
      value TEXT,
      edge_strategy_id INTEGER)""",
    """
    CREATE TABLE phone_number (
      number TEXT PRIMARY KEY,
      alias TEXT,
      rate_center TEXT,
      state TEXT,
      number_type TEXT,
      cnam_lookups_enabled INTEGER NOT NULL DEFAULT 0)""",
    """
    CREATE TABLE number_routing (
      number TEXT PRIMARY KEY,
      primary_route_id TEXT,
      failover_route_id TEXT)""",
    """
    CREATE TABLE edge_strategy (
      id INTEGER PRIMARY KEY,
      name TEXT,
      description TEXT,
      naptr TEXT,
      firewall_rules TEXT)""",
    "CREATE TABLE metadata (key TEXT PRIMARY KEY, value TEXT)",
    """
    CREATE TABLE draft (
      id TEXT PRIMARY KEY,
      type TEXT NOT NULL,
      value TEXT,
      alias TEXT,
      edge_strategy_id INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      state TEXT NOT NULL DEFAULT 'DRAFT'
        CHECK (state IN ('DRAFT', 'PUBLISHING', 'PUBLISHED', 'FAILED')),
      last_error TEXT,
      server_route_id TEXT,
      publish_token TEXT)""",
    """
    CREATE TABLE pending_assignment (
      draft_id TEXT NOT NULL REFERENCES draft (id) ON DELETE CASCADE,
      number TEXT NOT NULL,
      slot TEXT NOT NULL CHECK (slot IN ('PRIMARY', 'FAILOVER')),
      added_at INTEGER NOT NULL,
      PRIMARY KEY (draft_id, number, slot))""",
    """
    CREATE TABLE change_history (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      batch_id TEXT NOT NULL,
      number TEXT NOT NULL,
      slot TEXT NOT NULL CHECK (slot IN ('PRIMARY', 'FAILOVER')),
      old_route_id TEXT,
      new_route_id TEXT,
      at INTEGER NOT NULL,
      outcome TEXT NOT NULL
        CHECK (outcome IN ('PENDING', 'DONE', 'FAILED', 'SKIPPED')),
      detail TEXT)""",
    "CREATE INDEX change_history_batch ON change_history (batch_id)",
    "INSERT INTO schema_version VALUES (1, 'cache, drafts, pending assignments, change history',"
        + " 1700000000000)"
  };

  private static final UUID DRAFT_ID = UUID.fromString("6f1c2a52-0d0e-4c51-9a43-1f7a3f0c9b11");
  private static final UUID BATCH_ID = UUID.fromString("0b7e8a1e-5d55-4b6f-8f0e-2f6a0c1d2e3f");

  private static void createVersion1(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode = WAL");
      for (String sql : V1_DDL) {
        s.execute(sql);
      }
      s.execute(
          "INSERT INTO route VALUES ('0', 'sip-reg', 'sip-reg', NULL, NULL),"
              + " ('17', 'office', 'host', '10.0.0.7:5060', 2)");
      s.execute(
          "INSERT INTO phone_number VALUES ('12065550001', 'Front desk', 'seattle', 'wa',"
              + " 'standard', 1)");
      s.execute("INSERT INTO number_routing VALUES ('12065550001', '17', '0')");
      s.execute("INSERT INTO edge_strategy VALUES (2, 'US-East-NJ', NULL, NULL, NULL)");
      s.execute("INSERT INTO metadata VALUES ('refreshed_at', '1700000001000')");
      s.execute(
          "INSERT INTO draft VALUES ('"
              + DRAFT_ID
              + "', 'URI', 'sip:a@b.com', 'lab', NULL, 1700000002000, 1700000003000,"
              + " 'PUBLISHING', NULL, NULL, 'tok-1')");
      s.execute(
          "INSERT INTO pending_assignment VALUES ('"
              + DRAFT_ID
              + "', '12065550001', 'FAILOVER', 1700000004000)");
      s.execute(
          "INSERT INTO change_history (batch_id, number, slot, old_route_id, new_route_id, at,"
              + " outcome, detail) VALUES ('"
              + BATCH_ID
              + "', '12065550001', 'PRIMARY', '0', '17', 1700000005000, 'DONE', NULL)");
    }
  }

  @Test
  void aVersion1DatabaseIsMigratedToTheLatestWithItsDataIntact() throws Exception {
    Path file = dir.resolve("v1.db");
    createVersion1(file);

    try (LocalStore store = LocalStore.open(file)) {
      OpenReport report = store.openReport();
      assertThat(report.status()).isEqualTo(OpenReport.Status.MIGRATED);
      assertThat(report.schemaVersionBefore()).isEqualTo(1);
      assertThat(report.schemaVersion()).isEqualTo(Migrations.latestVersion());
      assertThat(report.summary()).contains("upgraded");
      assertThat(store.schemaVersion()).isEqualTo(Migrations.latestVersion());

      Draft d = store.findDraft(DRAFT_ID).orElseThrow();
      assertThat(d.type()).isEqualTo(RouteType.URI);
      assertThat(d.state()).isEqualTo(DraftState.PUBLISHING);
      assertThat(d.publishToken()).isEqualTo("tok-1");
      assertThat(d.createdAt()).isEqualTo(Instant.ofEpochMilli(1700000002000L));
      assertThat(store.pendingAssignments(DRAFT_ID))
          .extracting(PendingAssignment::slot)
          .containsExactly(VoiceSlot.FAILOVER);

      AccountSnapshot s = store.loadSnapshot();
      assertThat(s.routes()).hasSize(2);
      assertThat(s.routes().get(1).edgeStrategyId()).isEqualTo(2);
      assertThat(s.numbers().getFirst().cnamLookupsEnabled()).isTrue();
      assertThat(s.routings()).containsExactly(new NumberRouting("12065550001", "17", "0"));
      assertThat(s.refreshedAt()).isEqualTo(Instant.ofEpochMilli(1700000001000L));
      ChangeJournal journal = ChangeJournal.of(store);
      assertThat(journal.batch(BATCH_ID).orElseThrow())
          .satisfies(
              b -> {
                assertThat(b.kind()).isEqualTo(BatchKind.PUBLISH);
                assertThat(b.done()).isEqualTo(1);
                assertThat(b.interrupted()).isFalse();
              });
      // The slot version 1 did not record is "none" on both sides: an undo sees any route there
      // as a change made since, and leaves the number alone.
      assertThat(journal.entries(BATCH_ID))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.before()).isEqualTo(new NumberRouting("12065550001", "0", null));
                assertThat(e.after()).isEqualTo(new NumberRouting("12065550001", "17", null));
                assertThat(e.outcome()).isEqualTo(ChangeOutcome.DONE);
              });
      assertThat(store.integrityCheck()).isEqualTo("ok");
    }

    Path fresh = dir.resolve("fresh.db");
    try (LocalStore store = LocalStore.open(fresh)) {
      assertThat(store.openReport().status()).isEqualTo(OpenReport.Status.CREATED);
    }
    assertThat(schemaOf(file)).isEqualTo(schemaOf(fresh));

    try (LocalStore again = LocalStore.open(file)) {
      assertThat(again.openReport().status()).isEqualTo(OpenReport.Status.OPENED);
    }
  }

  @Test
  void everyMigrationIsRecordedOnce() throws Exception {
    Path file = dir.resolve("m.db");
    LocalStore.open(file).close();
    LocalStore.open(file).close();
    List<Integer> versions = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
      while (rs.next()) {
        versions.add(rs.getInt(1));
      }
    }
    assertThat(versions)
        .containsExactlyElementsOf(
            Migrations.ALL.stream().map(Migrations.Migration::version).toList());
  }

  @Test
  void aDatabaseFromANewerReleaseIsSetAsideWithItsDraftsCarriedOver() throws Exception {
    Path file = dir.resolve("newer.db");
    createVersion1(file);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO schema_version VALUES (99, 'from the future', 1800000000000)");
    }
    try (LocalStore store = LocalStore.open(file)) {
      OpenReport report = store.openReport();
      assertThat(report.status()).isEqualTo(OpenReport.Status.RECOVERED);
      assertThat(report.problem()).contains("newer RouteDesk");
      assertThat(report.movedAsideTo()).exists();
      assertThat(report.draftsRecovered()).isEqualTo(1);
      assertThat(store.findDraft(DRAFT_ID)).isPresent();
      assertThat(store.pendingAssignments(DRAFT_ID)).hasSize(1);
    }
    assertThat(Files.size(file)).isPositive();
  }

  /** Table/index name → SQL, as SQLite stores it. */
  private static TreeMap<String, String> schemaOf(Path file) throws SQLException {
    TreeMap<String, String> schema = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL")) {
      while (rs.next()) {
        schema.put(rs.getString(1) + " " + rs.getString(2), normalise(rs.getString(3)));
      }
    }
    return schema;
  }

  private static String normalise(String sql) {
    return sql.replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")").trim();
  }
}
