package io.github.fakeims.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * The server's package rules: data flows one way (no cycle among the public package and the internal
 * ones; nothing below the wiring in {@code internal} reaches back up into it; the leaf types in
 * {@code internal.core} use nothing of ours but the HTTP values), and only the HTTP adapter's package sees
 * {@code com.sun.net.httpserver}. The public package is the API and the model the internals speak
 * ({@code Credential}, {@code Fault}, ...); its facades ({@code FakeImsServer}, {@code FakeImsAdminClient})
 * reach the implementation through {@link FakeImsImplementation} only, so no internal package that uses
 * the model is used by it. {@link NoPackageCyclesTest} checks the same with jdeps.
 * Each rule is also run over {@code packagefixture}, which breaks it, so a rule that checks nothing fails here.
 */
class PackageStructureTest {

    private static final String SERVER = "io.github.fakeims.server";
    private static final String FIXTURE = SERVER + ".packagefixture";

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(SERVER);
    private static final JavaClasses FIXTURE_CLASSES = new ClassFileImporter().importPackages(FIXTURE);

    @Test
    void thePublicAndInternalPackagesHaveNoCycles() {
        noPackageCycles(SERVER).check(PRODUCTION);
    }

    @Test
    void nothingInsideInternalReachesBackIntoTheWiring() {
        nothingReachesBackIntoTheWiring(SERVER).check(PRODUCTION);
    }

    @Test
    void onlyTheHttpAdapterSeesTheJdkHttpServer() {
        onlyTheHttpPackageSeesTheJdkHttpServer(SERVER).check(PRODUCTION);
    }

    @Test
    void theLeafTypesDependOnNothingOfTheServerButTheHttpValues() {
        leafTypesStayLeaves(SERVER).check(PRODUCTION);
    }

    @Test
    void theRulesReportTheFixturesViolations() {
        EvaluationResult cycles = noPackageCycles(FIXTURE).evaluate(FIXTURE_CLASSES);
        assertThat(cycles.getFailureReport().getDetails())
                .anySatisfy(detail -> assertThat(detail).contains("packagefixture.internal.a", "packagefixture.internal.b"))
                .anySatisfy(detail -> assertThat(detail).contains("Slice " + FIXTURE + " ", "packagefixture.internal.impl"))
                .noneSatisfy(detail -> assertThat(detail).contains("internal.c"));

        EvaluationResult backwards = nothingReachesBackIntoTheWiring(FIXTURE).evaluate(FIXTURE_CLASSES);
        assertThat(backwards.getFailureReport().getDetails()).isNotEmpty()
                .allSatisfy(detail -> assertThat(detail).contains("packagefixture.internal.b.B.wiring()", "packagefixture.internal.Wiring"));

        EvaluationResult leaves = leafTypesStayLeaves(FIXTURE).evaluate(FIXTURE_CLASSES);
        assertThat(leaves.getFailureReport().getDetails()).isNotEmpty()
                .allSatisfy(detail -> assertThat(detail).contains("packagefixture.internal.core.Leaf.a()", "packagefixture.internal.a.A"));

        EvaluationResult http = onlyTheHttpPackageSeesTheJdkHttpServer(FIXTURE).evaluate(FIXTURE_CLASSES);
        assertThat(http.getFailureReport().getDetails()).isNotEmpty()
                .allSatisfy(detail -> assertThat(detail).contains("packagefixture.internal.c.UsesTheJdkServer", "com.sun.net.httpserver"));
    }

    /**
     * The public package {@code root} is one slice, and each package under {@code root.internal} (the wiring
     * package itself included) is one; nothing else is (the relocated nimbus, tests' own packages).
     */
    private static ArchRule noPackageCycles(String root) {
        String internal = root + ".internal";
        SliceAssignment byPackage = new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String pkg = javaClass.getPackageName();
                return pkg.equals(root) || pkg.equals(internal) || pkg.startsWith(internal + ".")
                        ? SliceIdentifier.of(pkg) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return root + " and the packages under " + internal;
            }
        };
        return SlicesRuleDefinition.slices().assignedFrom(byPackage).should().beFreeOfCycles();
    }

    /** {@code root.internal} holds the wiring that assembles its subpackages; they never depend on it. */
    private static ArchRule nothingReachesBackIntoTheWiring(String root) {
        return noClasses().that().resideInAPackage(root + ".internal.*..")
                .should().dependOnClassesThat().resideInAPackage(root + ".internal");
    }

    /** {@code root.internal.core} holds what everything uses, so it uses nothing of ours but the request and response values. */
    private static ArchRule leafTypesStayLeaves(String root) {
        return noClasses().that().resideInAPackage(root + ".internal.core")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage(root + "..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAnyPackage(root + ".internal.core", root + ".internal.http"))));
    }

    private static ArchRule onlyTheHttpPackageSeesTheJdkHttpServer(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".internal.http..")
                .should().dependOnClassesThat().resideInAPackage("com.sun.net.httpserver..");
    }
}
