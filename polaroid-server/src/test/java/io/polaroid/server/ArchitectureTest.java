package io.polaroid.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Imports that point one way, over the main classes of every module (engine, remote, SDK, server):
 * API -> engine -> vectors; the servers never use the SDK; the wire format stays in the codecs.
 * Each rule holds today; a change that points an import back fails here, naming the class.
 */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        ImportOption mainOnly = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");
        classes = new ClassFileImporter().withImportOption(mainOnly).importPackages("io.polaroid");
    }

    /** The SDK's API classes live in {@code io.polaroid} itself; its backends too. */
    private static final String SDK = "io.polaroid";

    @Test
    void theServersNeverUseTheSdk() {
        noClasses().that().resideInAPackage("io.polaroid.server..").should().dependOnClassesThat().resideInAPackage(SDK)
                .check(classes);
    }

    @Test
    void theWirePlumbingKnowsNeitherTheSdkNorTheServers() {
        noClasses().that().resideInAPackage("io.polaroid.remote..").should().dependOnClassesThat()
                .resideInAnyPackage(SDK, "io.polaroid.server..").check(classes);
    }

    @Test
    void theEngineKnowsNoneOfItsUsers() {
        noClasses().that().resideInAPackage("io.polaroid.engine..").should().dependOnClassesThat()
                .resideInAnyPackage(SDK, "io.polaroid.remote..", "io.polaroid.server..").check(classes);
    }

    @Test
    void typesVectorsAndMemoryAreTheGround() {
        noClasses().that().resideInAnyPackage("io.polaroid.engine.types..", "io.polaroid.engine.vector..",
                "io.polaroid.engine.memory..", "io.polaroid.engine.error..").should().dependOnClassesThat()
                .resideInAnyPackage("io.polaroid.engine.dsl..", "io.polaroid.engine.plan..", "io.polaroid.engine.exec..",
                        "io.polaroid.engine.physical..", "io.polaroid.engine.io..", "io.polaroid.engine.session..",
                        "io.polaroid.engine.analyze..", "io.polaroid.engine.optimizer..", "io.polaroid.engine.sql..",
                        "io.polaroid.engine.distributed..", "io.polaroid.engine.serde..", "io.polaroid.engine.functions..")
                .check(classes);
    }

    @Test
    void onlyTheCodecsSpeakTheWireFormat() {
        noClasses().that().resideInAPackage("io.polaroid.engine..")
                .and().resideOutsideOfPackages("io.polaroid.engine.serde..", "io.polaroid.engine.warmup..")
                .should().dependOnClassesThat().resideInAPackage("io.polaroid.proto..").check(classes);
    }

    @Test
    void stagesAreCutWithoutKnowingHowTheyTravel() {
        noClasses().that().resideInAPackage("io.polaroid.engine.distributed..").should().dependOnClassesThat()
                .resideInAPackage("io.polaroid.engine.serde..").check(classes);
    }

    @Test
    void sqlOnlyWritesPlans() {
        noClasses().that().resideInAPackage("io.polaroid.engine.sql..").should().dependOnClassesThat()
                .resideInAnyPackage("io.polaroid.engine.exec..", "io.polaroid.engine.physical..", "io.polaroid.engine.io..",
                        "io.polaroid.engine.session..", "io.polaroid.engine.distributed..", "io.polaroid.engine.serde..")
                .check(classes);
    }
}
