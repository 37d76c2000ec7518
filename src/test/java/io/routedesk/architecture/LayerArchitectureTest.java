package io.routedesk.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the layer arrows of DESIGN.md true: imports point down only. */
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
