package io.github.fakeims.server.internal.tools;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "curl", mixinStandardHelpOptions = true,
        description = "Prints a ready-to-paste curl command that exchanges a Service Account JWT at /ims/exchange/jwt.")
final class CurlCommand implements Callable<Integer> {

    @Mixin
    ServiceAccountOptions serviceAccount;

    @Option(names = "--client-secret", required = true, description = "the credential's client secret")
    String clientSecret;

    @Option(names = "--jwt", description = "a JWT to exchange; default: one signed now with --private-key")
    String jwt;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String token = jwt != null ? jwt : serviceAccount.signJwt();
        String base = serviceAccount.imsUrl.replaceAll("/+$", "");
        spec.commandLine().getOut().println("curl -sS -X POST '" + base + "/ims/exchange/jwt' \\\n"
                + "  --data-urlencode " + quote("client_id=" + serviceAccount.credential.clientId) + " \\\n"
                + "  --data-urlencode " + quote("client_secret=" + clientSecret) + " \\\n"
                + "  --data-urlencode " + quote("jwt_token=" + token));
        return 0;
    }

    /** Single quotes for a POSIX shell; a quote inside becomes '\''. */
    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
