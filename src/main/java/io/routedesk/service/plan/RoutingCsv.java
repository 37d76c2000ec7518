package io.routedesk.service.plan;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.PhoneNumbers;
import io.routedesk.domain.Route;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The routing file format: two CSV files, numbers and routes (docs/routing-file.md says why and
 * what each column means). Writes UTF-8 with a byte order mark and CRLF line ends, as Excel's "CSV
 * UTF-8" does, so a double-click in Excel shows accented aliases correctly; reads what Excel,
 * LibreOffice and scripts write: with or without the mark, comma-, semicolon- or tab-separated.
 */
public final class RoutingCsv {
  private RoutingCsv() {}

  // Numbers file.
  public static final String NUMBER = "number";
  public static final String NUMBER_ALIAS = "alias";
  public static final String PRIMARY = "primary_route";
  public static final String PRIMARY_ID = "primary_route_id";
  public static final String PRIMARY_TYPE = "primary_type";
  public static final String PRIMARY_VALUE = "primary_value";
  public static final String FAILOVER = "failover_route";
  public static final String FAILOVER_ID = "failover_route_id";
  public static final String FAILOVER_TYPE = "failover_type";
  public static final String FAILOVER_VALUE = "failover_value";
  public static final String RATE_CENTER = "rate_center";
  public static final String STATE = "state";

  public static final List<String> NUMBER_COLUMNS =
      List.of(
          NUMBER,
          NUMBER_ALIAS,
          PRIMARY,
          PRIMARY_ID,
          PRIMARY_TYPE,
          PRIMARY_VALUE,
          FAILOVER,
          FAILOVER_ID,
          FAILOVER_TYPE,
          FAILOVER_VALUE,
          RATE_CENTER,
          STATE);

  // Routes file.
  public static final String ROUTE_ALIAS = "alias";
  public static final String ROUTE_ID = "id";
  public static final String ROUTE_TYPE = "type";
  public static final String ROUTE_VALUE = "value";
  public static final String EDGE_STRATEGY = "edge_strategy";
  public static final String USED_BY = "used_by";

  public static final List<String> ROUTE_COLUMNS =
      List.of(ROUTE_ALIAS, ROUTE_ID, ROUTE_TYPE, ROUTE_VALUE, EDGE_STRATEGY, USED_BY);

  /** More rows than any account has: a bound on what a file can make RouteDesk hold in memory. */
  public static final int MAX_ROWS = 1_000_000;

  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final char[] SEPARATORS = {',', ';', '\t'};

  /** "1.20655E+10": how a spreadsheet shows a long number it took for a quantity. */
  private static final Pattern SCIENTIFIC = Pattern.compile("\\d+([.,]\\d+)?[eE][+]?\\d+");

  /** Characters people and spreadsheets put in phone numbers besides digits. */
  private static final Pattern PHONE_TEXT = Pattern.compile("[0-9+()\\-. ]+");

  private static CSVFormat writeFormat(List<String> columns) {
    return CSVFormat.RFC4180.builder().setHeader(columns.toArray(String[]::new)).get();
  }

  // ---------------------------------------------------------------------------------- writing

  /** The numbers file of an account: one row per number, in the account's order. */
  public static void writeNumbers(AccountRouting account, Writer out) throws IOException {
    Map<String, Route> routes = byId(account.routes());
    out.write('\uFEFF');
    try (CSVPrinter csv = writeFormat(NUMBER_COLUMNS).print(out)) {
      for (PhoneNumber n : account.numbers()) {
        NumberRouting r = account.routing().get(n.number());
        List<String> row = new ArrayList<>(NUMBER_COLUMNS.size());
        row.add(n.number());
        row.add(nullToEmpty(n.alias()));
        if (r == null) {
          // Unreadable routing: blank cells would read back as "no route", so say so instead.
          String unknown = "(not read: " + account.unreadable().getOrDefault(n.number(), "") + ")";
          row.addAll(List.of(unknown, "", "", "", unknown, "", "", ""));
        } else {
          addRoute(row, r.primaryRouteId(), routes);
          addRoute(row, r.failoverRouteId(), routes);
        }
        row.add(nullToEmpty(n.rateCenter()));
        row.add(nullToEmpty(n.state()));
        csv.printRecord(row);
      }
    }
  }

  /** The routes file of an account, with how many numbers use each route. */
  public static void writeRoutes(AccountRouting account, Writer out) throws IOException {
    Map<String, Integer> usedBy = new HashMap<>();
    for (NumberRouting r : account.routing().values()) {
      usedBy.merge(nullToEmpty(r.primaryRouteId()), 1, Integer::sum);
      if (r.failoverRouteId() != null && !r.failoverRouteId().equals(r.primaryRouteId())) {
        usedBy.merge(r.failoverRouteId(), 1, Integer::sum);
      }
    }
    out.write('\uFEFF');
    try (CSVPrinter csv = writeFormat(ROUTE_COLUMNS).print(out)) {
      for (Route route : account.routes()) {
        csv.printRecord(
            nullToEmpty(route.alias()),
            route.id(),
            route.type().wireName(),
            nullToEmpty(route.value()),
            route.edgeStrategyId() == null ? "" : route.edgeStrategyId().toString(),
            usedBy.getOrDefault(route.id(), 0).toString());
      }
    }
  }

  private static void addRoute(List<String> row, String routeId, Map<String, Route> routes) {
    if (routeId == null) {
      row.addAll(List.of("", "", "", ""));
      return;
    }
    Route route = routes.get(routeId);
    if (route == null) {
      row.addAll(List.of("", routeId, "", ""));
      return;
    }
    row.add(nullToEmpty(route.alias()));
    row.add(route.id());
    row.add(route.type().wireName());
    row.add(nullToEmpty(route.value()));
  }

  // ---------------------------------------------------------------------------------- reading

  /**
   * Reads a numbers file and, when given, a routes file. Never throws for bad content: every
   * problem is in the result with its row. Streams the files, so memory grows with the rows kept,
   * not with the file's text.
   *
   * @param numbersName the numbers file's name for messages
   * @param routesName the routes file's name for messages; ignored when {@code routes} is null
   */
  public static RoutingFile read(
      String numbersName, InputStream numbers, String routesName, InputStream routes)
      throws IOException {
    List<FileProblem> errors = new ArrayList<>();
    List<String> notices = new ArrayList<>();
    List<RouteRow> routeRows = new ArrayList<>();
    if (routes != null) {
      readRows(
          new Table(routesName, routes, TableKind.ROUTES, errors, notices),
          (row, cells) ->
              routeRows.add(
                  new RouteRow(
                      row,
                      cells.get(ROUTE_ALIAS),
                      cells.get(ROUTE_ID),
                      cells.get(ROUTE_TYPE),
                      cells.get(ROUTE_VALUE),
                      cells.get(EDGE_STRATEGY))));
    }
    List<NumberRow> numberRows = new ArrayList<>();
    Map<String, Integer> firstRow = new HashMap<>();
    Map<String, Integer> duplicated = new LinkedHashMap<>();
    readRows(
        new Table(numbersName, numbers, TableKind.NUMBERS, errors, notices),
        (row, cells) -> {
          String raw = cells.getOrDefault(NUMBER, "");
          String problem = numberProblem(raw);
          if (problem != null) {
            errors.add(new FileProblem(numbersName, row, problem));
            return;
          }
          String number = PhoneNumbers.digitsOf(raw);
          Integer first = firstRow.putIfAbsent(number, row);
          if (first != null) {
            duplicated.putIfAbsent(number, first);
            errors.add(
                new FileProblem(
                    numbersName,
                    row,
                    number
                        + " is also on row "
                        + first
                        + "; give each number once (neither row is planned)."));
            return;
          }
          numberRows.add(
              new NumberRow(
                  row,
                  number,
                  cell(cells, PRIMARY, PRIMARY_ID, PRIMARY_TYPE, PRIMARY_VALUE),
                  cell(cells, FAILOVER, FAILOVER_ID, FAILOVER_TYPE, FAILOVER_VALUE)));
        });
    if (!duplicated.isEmpty()) {
      numberRows.removeIf(r -> duplicated.containsKey(r.number()));
    }
    return new RoutingFile(
        numbersName, routes == null ? null : routesName, numberRows, routeRows, errors, notices);
  }

  /** Null when the file has none of the slot's columns: the slot is left as it is. */
  private static RouteCell cell(
      Map<String, String> cells, String alias, String id, String type, String value) {
    if (!cells.containsKey(alias) && !cells.containsKey(id)) {
      return null;
    }
    return new RouteCell(cells.get(alias), cells.get(id), cells.get(type), cells.get(value));
  }

  /** Why {@code raw} is not a phone number RouteDesk can read, or null when it is. */
  static String numberProblem(String raw) {
    String text = raw.strip();
    if (text.isEmpty()) {
      return "The number is missing.";
    }
    if (SCIENTIFIC.matcher(text).matches()) {
      return "“"
          + text
          + "” is a number in scientific notation: the spreadsheet took the phone number for a"
          + " quantity and dropped digits. Format the column as Text and enter the number again.";
    }
    if (!PHONE_TEXT.matcher(text).matches()) {
      return "“" + text + "” is not a phone number (digits, with + ( ) - . or spaces at most).";
    }
    String digits = PhoneNumbers.digitsOf(text);
    if (digits.length() == 10) {
      return "“" + text + "” has 10 digits; add the country code: 1" + digits + ".";
    }
    if (digits.length() != 11) {
      return "“"
          + text
          + "” has "
          + digits.length()
          + " digits; Flowroute numbers have 11 (country code and number).";
    }
    return null;
  }

  private enum TableKind {
    NUMBERS(NUMBER_COLUMNS, "number, primary_route, failover_route, …"),
    ROUTES(ROUTE_COLUMNS, "alias, id, type, value, edge_strategy");

    final List<String> columns;
    final String example;

    TableKind(List<String> columns, String example) {
      this.columns = columns;
      this.example = example;
    }
  }

  private record Table(
      String name,
      InputStream in,
      TableKind kind,
      List<FileProblem> errors,
      List<String> notices) {}

  /** Receives the rows of a table as column name → trimmed cell. */
  @FunctionalInterface
  private interface RowSink {
    void row(int row, Map<String, String> cells);
  }

  /** Delivers a table's rows one by one to the sink, so 100,000 rows are never all text at once. */
  private static void readRows(Table t, RowSink sink) throws IOException {
    PushbackInputStream in = new PushbackInputStream(t.in(), 4);
    String encodingProblem = skipByteOrderMark(in);
    if (encodingProblem != null) {
      t.errors().add(new FileProblem(t.name(), 0, encodingProblem));
      return;
    }
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, utf8), 1 << 16);
    int lastRow = 1;
    try {
      String headerLine = reader.readLine();
      if (headerLine == null || headerLine.isBlank()) {
        t.errors().add(new FileProblem(t.name(), 0, "The file is empty: it needs a header row."));
        return;
      }
      Header header = Header.detect(headerLine, t.kind());
      if (header.problem() != null) {
        t.errors().add(new FileProblem(t.name(), 1, header.problem()));
        return;
      }
      header.notices(t.name()).forEach(t.notices()::add);
      CSVFormat format =
          CSVFormat.RFC4180
              .builder()
              .setDelimiter(header.separator())
              // Empty lines stay records (skipped below), so row numbers match a spreadsheet's.
              .setIgnoreEmptyLines(false)
              .get();
      try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
        for (CSVRecord record : parser) {
          int row = (int) record.getRecordNumber() + 1;
          lastRow = row;
          if (row > MAX_ROWS + 1) {
            t.errors()
                .add(
                    new FileProblem(
                        t.name(),
                        row,
                        "The file has more than "
                            + MAX_ROWS
                            + " rows; RouteDesk reads no further. Split it."));
            return;
          }
          if (allBlank(record)) {
            continue; // a spreadsheet's formatted but empty row
          }
          if (record.size() == 1 && header.size() > 1) {
            t.errors().add(new FileProblem(t.name(), row, oneColumnProblem(record.get(0), header)));
            continue;
          }
          Map<String, String> cells = new HashMap<>();
          header
              .columnIndex()
              .forEach(
                  (column, index) ->
                      cells.put(column, index < record.size() ? record.get(index).strip() : ""));
          sink.row(row, cells);
        }
      }
    } catch (UncheckedIOException e) {
      t.errors().add(readProblem(t.name(), lastRow + 1, e.getCause()));
    } catch (CharacterCodingException e) {
      t.errors().add(readProblem(t.name(), lastRow + 1, e));
    }
  }

  private static FileProblem readProblem(String name, int row, IOException e) {
    if (e instanceof CharacterCodingException) {
      return new FileProblem(
          name,
          row,
          "The file is not UTF-8 from here on (Excel's “CSV (Comma delimited)” saves in the"
              + " Windows code page). Save it as “CSV UTF-8”; nothing after this row was read.");
    }
    return new FileProblem(
        name, row, "The file could not be read from here on: " + e.getMessage() + ".");
  }

  private static String oneColumnProblem(String cell, Header header) {
    for (char other : SEPARATORS) {
      if (other != header.separator() && cell.indexOf(other) >= 0) {
        return "This row separates its cells with "
            + Header.name(other)
            + ", the header row with "
            + Header.name(header.separator())
            + "; use one separator in the whole file.";
      }
    }
    return "This row has one cell where the header has " + header.size() + " columns.";
  }

  private static boolean allBlank(CSVRecord record) {
    for (String cell : record) {
      if (!cell.isBlank()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Consumes a UTF-8 byte order mark (Excel's "CSV UTF-8" writes one); returns a problem for the
   * marks of UTF-16 and UTF-32 (Excel's "Unicode Text"), which are not CSV as RouteDesk reads it.
   */
  private static String skipByteOrderMark(PushbackInputStream in) throws IOException {
    byte[] head = in.readNBytes(3);
    if (head.length == 3
        && head[0] == UTF8_BOM[0]
        && head[1] == UTF8_BOM[1]
        && head[2] == UTF8_BOM[2]) {
      return null;
    }
    if (head.length >= 2
        && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF)
            || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE))) {
      return "The file is UTF-16 text (a byte order mark FE FF or FF FE, as Excel's “Unicode"
          + " Text” writes). Save it as “CSV UTF-8 (Comma delimited)”.";
    }
    in.unread(head);
    return null;
  }

  /** The header row: the separator it uses and where each known column is. */
  private record Header(
      char separator,
      Map<String, Integer> columnIndex,
      List<String> ignored,
      int size,
      String problem) {

    static Header detect(String line, TableKind kind) throws IOException {
      Header best = null;
      for (char separator : SEPARATORS) {
        Header h = parse(line, separator, kind);
        if (best == null || h.columnIndex().size() > best.columnIndex().size()) {
          best = h;
        }
      }
      if (best.columnIndex().isEmpty()) {
        return failed(noColumnsProblem(line, kind));
      }
      if (best.problem() != null) {
        return best;
      }
      String missing = missingColumns(best.columnIndex(), kind);
      return missing == null ? best : failed(missing);
    }

    private static Header parse(String line, char separator, TableKind kind) throws IOException {
      CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(separator).get();
      List<String> names;
      try (CSVParser p = CSVParser.parse(new java.io.StringReader(line), format)) {
        List<CSVRecord> records = p.getRecords();
        names = records.isEmpty() ? List.of() : records.getFirst().toList();
      } catch (UncheckedIOException | IOException e) {
        return failed("The header row could not be read: " + e.getMessage());
      }
      Map<String, Integer> index = new LinkedHashMap<>();
      List<String> ignored = new ArrayList<>();
      String problem = null;
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i).strip().toLowerCase(Locale.ROOT).replace(' ', '_');
        if (kind.columns.contains(name)) {
          if (index.putIfAbsent(name, i) != null && problem == null) {
            problem = "The header row names the column “" + name + "” twice.";
          }
        } else if (!name.isEmpty()) {
          ignored.add(names.get(i).strip());
        }
      }
      return new Header(separator, index, ignored, names.size(), problem);
    }

    private static Header failed(String problem) {
      return new Header(',', Map.of(), List.of(), 0, problem);
    }

    private static String missingColumns(Map<String, Integer> index, TableKind kind) {
      if (kind == TableKind.NUMBERS) {
        if (!index.containsKey(NUMBER)) {
          return "The header row has no “number” column.";
        }
        if (!index.containsKey(PRIMARY)
            && !index.containsKey(PRIMARY_ID)
            && !index.containsKey(FAILOVER)
            && !index.containsKey(FAILOVER_ID)) {
          return "The header row names no route column: give primary_route (or primary_route_id),"
              + " failover_route (or failover_route_id), or both.";
        }
      } else if (!index.containsKey(ROUTE_ALIAS) && !index.containsKey(ROUTE_ID)) {
        return "The header row needs an “alias” or an “id” column.";
      }
      return null;
    }

    private static String noColumnsProblem(String line, TableKind kind) {
      String shown = line.length() > 80 ? line.substring(0, 80) + "…" : line;
      String first = line.split("[,;\t]", 2)[0].strip();
      if (numberProblem(first) == null || PhoneNumbers.isDigits(first)) {
        return "Row 1 must be the header row naming the columns ("
            + kind.example
            + "); it holds data: “"
            + shown
            + "”.";
      }
      return "The header row names none of RouteDesk's columns ("
          + kind.example
          + "): “"
          + shown
          + "”. Separate columns with commas (semicolons and tabs are read too).";
    }

    List<String> notices(String file) {
      List<String> notices = new ArrayList<>();
      if (separator != ',') {
        notices.add(file + ": columns are separated by " + name(separator) + "; read as such.");
      }
      for (String column : ignored) {
        notices.add(file + ": the column “" + column + "” is not one of RouteDesk's; ignored.");
      }
      return notices;
    }

    static String name(char separator) {
      return switch (separator) {
        case ',' -> "commas";
        case ';' -> "semicolons";
        case '\t' -> "tabs";
        default -> "“" + separator + "”";
      };
    }
  }

  // ---------------------------------------------------------------------------------- helpers

  private static Map<String, Route> byId(List<Route> routes) {
    Map<String, Route> map = new HashMap<>();
    routes.forEach(r -> map.put(r.id(), r));
    return map;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
