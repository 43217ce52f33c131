package io.github.fakeims.server.internal.tools;

import com.nimbusds.jwt.SignedJWT;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.internal.jwt.AcceptedBaseUrls;
import io.github.fakeims.server.internal.core.ImsError;
import io.github.fakeims.server.internal.jwt.ServiceAccountJwtVerifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Checks a JWT against a certificate and credential with the fake's rules, listing every problem: usable in any CI. */
@Command(name = "verify-jwt", mixinStandardHelpOptions = true,
        description = "Checks a Service Account JWT as IMS would and prints every problem; exit code 1 if there is any.")
final class VerifyJwtCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "the JWT")
    String jwt;

    @Option(names = "--certificate", required = true, description = "PEM certificate(s) registered on the credential")
    List<Path> certificates;

    @Mixin
    CredentialIdOptions ids;

    @Option(names = "--ims-url", split = ",",
            defaultValue = "https://ims-na1.adobelogin.com,https://ims-na1-stg1.adobelogin.com,http://127.0.0.1:8080,http://localhost:8080",
            description = "IMS base URL(s) accepted in aud; default production, stage and a local fake on 8080")
    List<String> imsUrls;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Credential.Builder credential = Credential.builder().clientId(ids.clientId).clientSecret("not-checked").orgId(ids.orgId)
                .technicalAccountId(ids.technicalAccountId).metascopes(ids.metascopes);
        for (Path certificate : certificates) {
            credential.certificate(PemFiles.readCertificate(certificate));
        }
        Set<String> bases = new LinkedHashSet<>();
        imsUrls.forEach(url -> bases.add(AcceptedBaseUrls.normalize(url)));
        List<ImsError> problems = new ServiceAccountJwtVerifier(Clock.systemUTC()).problems(jwt, credential.build(), bases);

        PrintWriter out = spec.commandLine().getOut();
        printClaims(out);
        if (problems.isEmpty()) {
            out.println("OK: IMS would accept this JWT for client_id " + ids.clientId);
            return 0;
        }
        out.println(problems.size() + " problem(s); IMS would answer the first:");
        for (ImsError problem : problems) {
            out.println("  - " + problem.status() + " " + problem.error() + " (" + problem.description() + "): " + problem.reason());
        }
        return 1;
    }

    private void printClaims(PrintWriter out) {
        try {
            SignedJWT parsed = SignedJWT.parse(jwt.strip());
            out.println("header " + parsed.getHeader().toJSONObject());
            Map<String, Object> claims = new TreeMap<>(parsed.getPayload().toJSONObject());
            claims.forEach((name, value) -> out.println("  " + name + " = " + value));
        } catch (java.text.ParseException | RuntimeException e) {
            out.println("(the JWT cannot be decoded: " + e.getMessage() + ")");
        }
    }
}
