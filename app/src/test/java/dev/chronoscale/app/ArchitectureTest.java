package dev.chronoscale.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module map of docs/contributing.md, checked against the main code of every module: each module's
 * packages depend only on the modules its arrows allow, no server module uses the tools, and no two packages
 * depend on each other, directly or round a cycle.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN_CODE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.chronoscale");

    @Test
    void modulesDependOnlyAlongTheArrows() {
        ArchRule rule = layeredArchitecture().consideringOnlyDependenciesInAnyPackage("dev.chronoscale..")
                .layer("domain").definedBy("dev.chronoscale.domain..")
                .layer("projections").definedBy("dev.chronoscale.eventlog..", "dev.chronoscale.history..", "dev.chronoscale.inventory..", "dev.chronoscale.netmap..", "dev.chronoscale.tailcfg..")
                .layer("gateway").definedBy("dev.chronoscale.gateway..")
                .layer("derp-relay").definedBy("dev.chronoscale.derp..")
                .layer("audit-export").definedBy("dev.chronoscale.auditexport..")
                .layer("compliance").definedBy("dev.chronoscale.compliance..")
                .layer("admin").definedBy("dev.chronoscale.admin..")
                .layer("tools").definedBy("dev.chronoscale.tools..")
                .layer("app").definedBy("dev.chronoscale.app..")
                .whereLayer("domain").mayNotAccessAnyLayer()
                .whereLayer("derp-relay").mayNotAccessAnyLayer()
                .whereLayer("projections").mayOnlyAccessLayers("domain")
                .whereLayer("gateway").mayOnlyAccessLayers("domain", "projections")
                .whereLayer("audit-export").mayOnlyAccessLayers("domain", "projections")
                .whereLayer("compliance").mayOnlyAccessLayers("domain", "projections")
                .whereLayer("admin").mayOnlyAccessLayers("domain", "projections", "gateway", "audit-export", "compliance")
                .whereLayer("tools").mayOnlyAccessLayers("domain", "projections", "gateway", "derp-relay", "audit-export",
                        "compliance", "admin")
                .whereLayer("app").mayNotBeAccessedByAnyLayer();
        rule.check(MAIN_CODE);
    }

    @Test
    void noServerModuleDependsOnTheTools() {
        layeredArchitecture().consideringOnlyDependenciesInAnyPackage("dev.chronoscale..")
                .layer("tools").definedBy("dev.chronoscale.tools..")
                .layer("server").definedBy("dev.chronoscale.domain..", "dev.chronoscale.eventlog..", "dev.chronoscale.history..", "dev.chronoscale.inventory..", "dev.chronoscale.netmap..", "dev.chronoscale.tailcfg..",
                        "dev.chronoscale.gateway..", "dev.chronoscale.derp..", "dev.chronoscale.auditexport..",
                        "dev.chronoscale.compliance..", "dev.chronoscale.admin..", "dev.chronoscale.app.server..")
                .layer("cli").definedBy("dev.chronoscale.app.cli..")
                .whereLayer("tools").mayOnlyBeAccessedByLayers("cli")
                .check(MAIN_CODE);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.chronoscale.(**)").should().beFreeOfCycles().check(MAIN_CODE);
    }
}
