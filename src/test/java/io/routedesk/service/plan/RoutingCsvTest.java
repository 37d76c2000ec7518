package io.routedesk.service.plan;

import static io.routedesk.service.plan.Accounts.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RoutingCsvTest {

  @Test
  void exportStartsWithAByteOrderMarkAndAHeaderAndKeepsNumbersAsDigits() {
    String csv = Accounts.numbersCsv(Accounts.small());

    assertThat(csv).startsWith("\uFEFFnumber,alias,primary_route,primary_route_id,");
    // 11 digits without "+": nothing a spreadsheet would turn into a formula or drop.
    assertThat(csv).contains("\r\n12065550101,alias 12065550101,pbx-east,101,host,10.0.0.1:5060,");
  }

  @Test
  void anExportReadsBackToTheSameRoutingWithQuotesCommasAndLeadingZeros() {
    Route zeros = new Route("105", "007", RouteType.HOST, "pbx.example.com", null);
    Route accents =
        new Route("106", "Zürich; \"main\"", RouteType.URI, "sip:a@b.ch;transport=tls", 2);
    AccountRouting account =
        Accounts.account()
            .routes(Accounts.SIP_REG, Accounts.URI, zeros, accents)
            .number("12065550101", "104", "105")
            .number("12065550102", "106", null)
            .build();

    RoutingFile file = read(Accounts.numbersCsv(account), Accounts.routesCsv(account));

    assertThat(file.errors()).isEmpty();
    assertThat(file.notices()).isEmpty();
    assertThat(file.numbers())
        .extracting(r -> r.number() + "|" + r.primary().alias() + "|" + r.failover().alias())
        .containsExactly("12065550101|Alice, \"front\"|007", "12065550102|Zürich; \"main\"|");
    assertThat(file.routes())
        .extracting(r -> r.alias() + "|" + r.value() + "|" + r.edgeStrategy())
        .contains("Zürich; \"main\"|sip:a@b.ch;transport=tls|2", "007|pbx.example.com|");
    assertThat(PlanBuilder.build(file, account).hasChanges()).isFalse();
  }

  @Test
  void theRoutesFileCountsTheNumbersUsingEachRoute() {
    String csv = Accounts.routesCsv(Accounts.small());

    assertThat(csv)
        .contains("\r\npbx-east,101,host,10.0.0.1:5060,,2\r\n")
        .contains("\r\nsip-reg,0,sip-reg,,,1\r\n")
        .contains("\r\n\"Alice, \"\"front\"\"\",104,uri,sip:alice@atlanta.com,,0\r\n");
  }

  @Test
  void aUtf8ByteOrderMarkAsExcelWritesItIsReadAndAUtf16OneIsRefused() {
    assertThat(read("\uFEFF" + Accounts.HEADER + "12065550101,pbx-east,\n", null).errors())
        .isEmpty();

    byte[] utf16 = (Accounts.HEADER + "12065550101,pbx-east,\n").getBytes(StandardCharsets.UTF_16);
    RoutingFile file = read(utf16, null);
    assertThat(file.numbers()).isEmpty();
    assertThat(file.errors())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("UTF-16", "CSV UTF-8"));
  }

  @Test
  void semicolonsAndTabsAreReadWithANoticeAndOtherSeparatorsAreRefused() {
    RoutingFile semicolons = read("number;primary_route\n12065550101;pbx-east\n", null);
    assertThat(semicolons.errors()).isEmpty();
    assertThat(semicolons.notices()).singleElement().asString().contains("semicolons");
    assertThat(semicolons.numbers().getFirst().primary().alias()).isEqualTo("pbx-east");

    assertThat(read("number\tprimary_route\n12065550101\tpbx-east\n", null).errors()).isEmpty();

    RoutingFile pipes = read("number|primary_route\n12065550101|pbx-east\n", null);
    assertThat(pipes.numbers()).isEmpty();
    assertThat(pipes.errors())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.row()).isEqualTo(1);
              assertThat(p.message()).contains("Separate columns with commas");
            });
  }

  @Test
  void aRowWithAnotherSeparatorThanTheHeaderIsNamed() {
    RoutingFile file =
        read(Accounts.HEADER + "12065550101,pbx-east,\n12065550102;pbx-west;\n", null);

    assertThat(file.numbers()).hasSize(1);
    assertThat(file.errors())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.row()).isEqualTo(3);
              assertThat(p.message()).contains("semicolons", "commas");
            });
  }

  @Test
  void aFileWithoutAHeaderRowIsRefusedAtRowOne() {
    RoutingFile file = read("12065550101,pbx-east,pbx-west\n", null);

    assertThat(file.errors())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.row()).isEqualTo(1);
              assertThat(p.message()).contains("must be the header row");
            });
    assertThat(read("", null).errors()).singleElement().asString().contains("empty");
    assertThat(read("number,alias\n12065550101,x\n", null).errors())
        .singleElement()
        .asString()
        .contains("no route column");
  }

  @Test
  void rowNumbersAreTheSpreadsheetsWithEmptyLinesAndLineBreaksInCells() {
    RoutingFile file =
        read(
            "number,primary_route,notes\n"
                + "12065550101,pbx-east,\"two\nlines\"\n"
                + "\n"
                + ",,\n"
                + "12065550102,pbx-east,\n"
                + "bad,pbx-east,\n",
            null);

    assertThat(file.numbers()).extracting(NumberRow::row).containsExactly(2, 5);
    assertThat(file.errors()).singleElement().extracting(FileProblem::row).isEqualTo(6);
  }

  @Test
  void unknownColumnsAreIgnoredWithANotice() {
    RoutingFile file = read("number,primary_route,Notes\n12065550101,pbx-east,call Bob\n", null);

    assertThat(file.errors()).isEmpty();
    assertThat(file.notices()).singleElement().asString().contains("“Notes”", "ignored");
  }

  @Test
  void duplicateNumbersAreErrorsAndNeitherRowIsPlanned() {
    RoutingFile file =
        read(
            Accounts.HEADER
                + "12065550101,pbx-east,\n"
                + "12065550102,pbx-east,\n"
                + "+1 (206) 555-0101,pbx-west,\n",
            null);

    assertThat(file.numbers()).extracting(NumberRow::number).containsExactly("12065550102");
    assertThat(file.errors())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.row()).isEqualTo(4);
              assertThat(p.message()).contains("also on row 2");
            });
  }

  @Test
  void numbersAreReadInTheFormsPeopleWriteAndSpreadsheetDamageIsExplained() {
    RoutingFile file =
        read(
            Accounts.HEADER
                + "+12065550101,pbx-east,\n"
                + "1.20656E+10,pbx-east,\n"
                + "2065550102,pbx-east,\n"
                + "phone,pbx-east,\n"
                + ",pbx-east,\n",
            null);

    assertThat(file.numbers()).extracting(NumberRow::number).containsExactly("12065550101");
    assertThat(file.errors())
        .extracting(FileProblem::row, p -> p.message().substring(0, 20))
        .hasSize(4);
    assertThat(file.errors().get(0).message()).contains("scientific notation", "Text");
    assertThat(file.errors().get(1).message()).contains("add the country code: 12065550102");
    assertThat(file.errors().get(2).message()).contains("not a phone number");
    assertThat(file.errors().get(3).message()).contains("missing");
  }

  @Test
  void bytesThatAreNotUtf8StopTheReadWithTheRow() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(
        (Accounts.HEADER + "12065550101,pbx-east,\n").getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes("12065550102,Z\u00fcrich,\n".getBytes(StandardCharsets.ISO_8859_1));

    RoutingFile file = read(bytes.toByteArray(), null);

    assertThat(file.errors())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("not UTF-8", "CSV UTF-8"));
  }

  @Test
  void slotsWithoutColumnsAreLeftOutAndBlankCellsMeanNoRoute() {
    RoutingFile file = read("number,primary_route\n12065550101,pbx-east\n", null);
    assertThat(file.numbers().getFirst().failover()).isNull();

    RoutingFile blank = read(Accounts.HEADER + "12065550101,pbx-east,\n", null);
    assertThat(blank.numbers().getFirst().failover().isBlank()).isTrue();
  }

  @Test
  void aHundredThousandRowsAreReadWithEachBadRowNamed() {
    StringBuilder csv = new StringBuilder(Accounts.HEADER);
    for (int i = 0; i < 100_000; i++) {
      csv.append(i % 1000 == 999 ? "x" : 10_000_000_000L + i * 7L).append(",pbx-east,pbx-west\n");
    }

    RoutingFile file = read(csv.toString(), null);

    assertThat(file.numbers()).hasSize(99_900);
    assertThat(file.errors()).hasSize(100);
    assertThat(file.errors().getFirst().row()).isEqualTo(1001);
  }
}
