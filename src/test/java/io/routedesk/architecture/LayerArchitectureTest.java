package io.routedesk.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layer arrows of docs/architecture.md true: imports point down only, and inside the ui
 * layer, features meet only in the shell.
 */
class LayerArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.routedesk");

  @Test
  void nothingImportsTheCompositionRoot() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.routedesk.app..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.routedesk.app..")
        .check(CLASSES);
  }

  @Test
  void onlyTheAppImportsTheSandbox() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.routedesk.app..", "io.routedesk.sandbox..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.routedesk.sandbox..")
        .check(CLASSES);
  }

  @Test
  void onlyTheAppImportsTheCommandLine() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.routedesk.app..", "io.routedesk.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.routedesk.cli..")
        .check(CLASSES);
  }

  @Test
  void theCommandLineSitsBesideTheUiNotOnIt() {
    noClasses()
        .that()
        .resideInAPackage("io.routedesk.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.routedesk.ui..", "javafx..")
        .check(CLASSES);
  }

  @Test
  void noSceneGraphBelowTheUi() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.routedesk.ui..", "io.routedesk.app..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javafx..")
        .check(CLASSES);
  }

  @Test
  void viewModelsDoNotTouchTheSceneGraph() {
    noClasses()
        .that()
        .haveSimpleNameEndingWith("ViewModel")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javafx.scene..", "javafx.stage..")
        .allowEmptyShould(true)
        .check(CLASSES);
  }

  /** The ui's shared parts by role; everything else under io.routedesk.ui is a feature. */
  private static final String[] UI_ROLES = {
    "io.routedesk.ui.model..", "io.routedesk.ui.text..", "io.routedesk.ui.controls.."
  };

  private static final String[] UI_FEATURES = {
    "account", "drafts", "history", "newroute", "numbers", "picker", "routes", "routingfile"
  };

  @Test
  void uiModelAndTextDoNotTouchTheSceneGraph() {
    noClasses()
        .that()
        .resideInAnyPackage("io.routedesk.ui.model..", "io.routedesk.ui.text..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javafx.scene..", "javafx.stage..")
        .check(CLASSES);
  }

  @Test
  void sharedUiPartsKnowNoFeature() {
    noClasses()
        .that()
        .resideInAnyPackage(UI_ROLES)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            Arrays.stream(UI_FEATURES)
                .map(f -> "io.routedesk.ui." + f + "..")
                .toArray(String[]::new))
        .orShould()
        .dependOnClassesThat()
        .resideInAPackage("io.routedesk.ui.shell..")
        .check(CLASSES);
  }

  @Test
  void featuresDoNotImportEachOtherOnlyTheShellComposesThem() {
    for (String feature : UI_FEATURES) {
      String[] others =
          Arrays.stream(UI_FEATURES)
              .filter(f -> !f.equals(feature))
              .map(f -> "io.routedesk.ui." + f + "..")
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage("io.routedesk.ui." + feature + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(others)
          .orShould()
          .dependOnClassesThat()
          .resideInAPackage("io.routedesk.ui.shell..")
          .check(CLASSES);
    }
  }

  @Test
  void everyUiPackageIsARoleAFeatureOrTheShell() {
    Set<String> known = new HashSet<>();
    for (String role : UI_ROLES) {
      known.add(role.substring(0, role.length() - 2));
    }
    for (String feature : UI_FEATURES) {
      known.add("io.routedesk.ui." + feature);
    }
    known.add("io.routedesk.ui.shell");
    Set<String> unknown = new TreeSet<>();
    CLASSES.stream()
        .map(c -> c.getPackageName())
        .filter(p -> p.startsWith("io.routedesk.ui."))
        .filter(p -> known.stream().noneMatch(k -> p.equals(k) || p.startsWith(k + ".")))
        .forEach(unknown::add);
    assertTrue(
        unknown.isEmpty(),
        () -> "ui packages that are neither a role, a feature nor the shell: " + unknown);
  }

  @Test
  void domainDependsOnNothingOfOurs() {
    noClasses()
        .that()
        .resideInAPackage("io.routedesk.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.routedesk.flowroute..",
            "io.routedesk.service..",
            "io.routedesk.store..",
            "io.routedesk.secrets..",
            "io.routedesk.ui..",
            "io.routedesk.cli..",
            "io.routedesk.sandbox..")
        .check(CLASSES);
  }

  @Test
  void lowerLayersDoNotReachUp() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.routedesk.flowroute..", "io.routedesk.store..", "io.routedesk.secrets..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.routedesk.service..", "io.routedesk.ui..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("io.routedesk.service..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.routedesk.ui..")
        .allowEmptyShould(true)
        .check(CLASSES);
  }
}
