package io.polaroid.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Imports that point one way, over the main classes of every module (core, engine, remote, SDK, local
 * mode, server): API -> engine -> vectors; the servers never use the SDK; the wire format stays in the
 * codecs; the remote-only SDK (polaroid-client) and what it stands on (polaroid-core, polaroid-remote)
 * never reach the engine module or Parquet, Hadoop, the AWS SDK or Calcite. Core and engine share
 * Java packages, so those rules tell the modules apart by where a class was loaded from.
 *
 * <p>Inside the engine (core and engine modules together), the top-level packages
 * {@code io.polaroid.engine.*} form no cycle, and each uses only the packages before it in
 * {@link #ENGINE_LAYERS}: the ground ({@code Batch} lives in {@code vector}), the plan language,
 * bound expressions, the scalar kernels, the function registry, the readers (which take a
 * {@code ScanSpec} and an {@code io.ScanContext}, not plan nodes or the task context), logical plans,
 * the operators, the planners, the session, and the distributed layers on top.
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
                        "io.polaroid.engine.distributed..", "io.polaroid.engine.serde..", "io.polaroid.engine.functions..",
                        "io.polaroid.engine.kernels..")
                .check(classes);
    }

    /**
     * The engine's top-level packages, lowest first. A package uses only those before it; a new
     * package takes its place here.
     */
    private static final List<String> ENGINE_LAYERS = List.of(
            "error", "types", "vector", "memory", // the ground: types, vectors and batches, memory
            "spill", // spill files: batches on disk
            "dsl", // the plan language users write, with its scan options
            "expr", // bound expressions
            "kernels", // the scalar kernels
            "functions", // the function registry and the expression compiler
            "io", // sources and readers
            "plan", // logical plans
            "exec", // the operators and the task context
            "physical", // logical plans into operators
            "optimizer", "analyze", "sql", // rewriting, resolving and parsing plans
            "session", // one engine running queries
            "distributed", // stages of a query across workers
            "serde", "warmup"); // the wire codecs, and warming all of the above

    private static String engine(String name) {
        return "io.polaroid.engine." + name + "..";
    }

    @Test
    void enginePackagesFormNoCycle() {
        slices().matching("io.polaroid.engine.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void enginePackagesOnlyPointDown() {
        Set<String> packages = new TreeSet<>();
        classes.stream().map(JavaClass::getPackageName).filter(p -> p.startsWith("io.polaroid.engine."))
                .forEach(p -> packages.add(p.split("\\.")[3]));
        assertThat(ENGINE_LAYERS).as("every top-level engine package has its place").containsAll(packages);
        List<ArchRule> rules = new ArrayList<>();
        for (int i = 0; i < ENGINE_LAYERS.size() - 1; i++) {
            rules.add(noClasses().that().resideInAPackage(engine(ENGINE_LAYERS.get(i))).should().dependOnClassesThat()
                    .resideInAnyPackage(ENGINE_LAYERS.subList(i + 1, ENGINE_LAYERS.size()).stream()
                            .map(ArchitectureTest::engine).toArray(String[]::new)));
        }
        CompositeArchRule.of(rules).as("each top-level engine package uses only those before it in " + ENGINE_LAYERS)
                .check(classes);
    }

    @Test
    void theReadersTakeScanSpecsNotPlanNodes() {
        noClasses().that().resideInAPackage("io.polaroid.engine.io..").should().dependOnClassesThat()
                .haveNameMatching("io\\.polaroid\\.engine\\.dsl\\.PlanNode(\\$.*)?").check(classes);
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

    /** Classes loaded from module {@code name}: its {@code target/classes} or its jar. */
    private static DescribedPredicate<JavaClass> inModule(String... names) {
        return DescribedPredicate.describe("are in module " + String.join(" or ", names), c -> c.getSource().map(source -> {
            String uri = source.getUri().toString();
            for (String name : names) {
                if (uri.contains("/" + name + "/") || uri.contains("/" + name + "-")) {
                    return true;
                }
            }
            return false;
        }).orElse(false));
    }

    /** The heavy storage and SQL libraries only the engine brings. */
    private static final String[] ENGINE_LIBRARIES = {"org.apache.hadoop..", "org.apache.parquet..", "software.amazon..",
            "org.apache.calcite..", "org.apache.commons.math3.."};

    @Test
    void theCoreNeedsNothingButItselfAndTheProto() {
        noClasses().that(inModule("polaroid-core")).should().dependOnClassesThat(
                        inModule("polaroid-engine", "polaroid-remote", "polaroid-client", "polaroid-local", "polaroid-server"))
                .orShould().dependOnClassesThat().resideInAnyPackage(ENGINE_LIBRARIES).check(classes);
    }

    @Test
    void theRemoteOnlySdkAndTheWirePlumbingNeverReachTheEngine() {
        noClasses().that(inModule("polaroid-client", "polaroid-remote"))
                .should().dependOnClassesThat(inModule("polaroid-engine", "polaroid-local"))
                .orShould().dependOnClassesThat().resideInAnyPackage(ENGINE_LIBRARIES).check(classes);
    }

    @Test
    void onlyLocalModeBringsTheEngineToTheSdk() {
        noClasses().that().resideInAPackage(SDK).and(DescribedPredicate.not(inModule("polaroid-local")))
                .should().dependOnClassesThat(inModule("polaroid-engine")).check(classes);
    }
}
