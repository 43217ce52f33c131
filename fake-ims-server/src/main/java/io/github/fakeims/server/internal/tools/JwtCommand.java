package io.github.fakeims.server.internal.tools;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "jwt", mixinStandardHelpOptions = true,
        description = "Mints a Service Account JWT from a private key and ids, as the Developer Console's \"Generate JWT\" does.")
final class JwtCommand implements Callable<Integer> {

    @Mixin
    ServiceAccountOptions serviceAccount;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        spec.commandLine().getOut().println(serviceAccount.signJwt());
        return 0;
    }
}
