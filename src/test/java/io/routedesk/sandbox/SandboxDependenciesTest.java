package io.routedesk.sandbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The sandbox stands alone: it uses the domain and the JDK, never the app's upper layers. */
class SandboxDependenciesTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.routedesk");

  @Test
  void sandboxImportsNoUiServiceAppOrJavafx() {
    noClasses()
        .that()
        .resideInAPackage("io.routedesk.sandbox..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "javafx..",
            "io.routedesk.ui..",
            "io.routedesk.service..",
            "io.routedesk.app..",
            "io.routedesk.flowroute..",
            "io.routedesk.store..",
            "io.routedesk.secrets..")
        .check(CLASSES);
  }
}
