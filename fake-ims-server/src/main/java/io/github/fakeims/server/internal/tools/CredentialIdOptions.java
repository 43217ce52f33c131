package io.github.fakeims.server.internal.tools;

import java.util.List;
import picocli.CommandLine.Option;

/** The ids and metascopes of a Service Account credential, as every tool asks for them. */
final class CredentialIdOptions {

    @Option(names = "--client-id", required = true, description = "the credential's client id (API key)")
    String clientId;

    @Option(names = "--org", required = true, description = "organization id, XXXX@AdobeOrg (iss)")
    String orgId;

    @Option(names = "--technical-account", required = true, description = "technical account id, XXXX@techacct.adobe.com (sub)")
    String technicalAccountId;

    @Option(names = "--metascope", required = true, split = ",", description = "metascope code(s), e.g. ent_analytics_bulk_ingest_sdk")
    List<String> metascopes;
}
