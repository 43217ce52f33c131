package io.github.fakeims.server.internal.tools;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The jar's developer tools, next to running the fake: what the Developer Console gives a developer. */
@Command(name = "java -jar fake-ims-server.jar", mixinStandardHelpOptions = true,
        subcommands = {KeygenCommand.class, JwtCommand.class, CurlCommand.class, VerifyJwtCommand.class},
        description = "Tools for Service Account credentials: keygen, jwt, curl, verify-jwt.")
public final class ToolsCommand {

    public static final Set<String> NAMES = Set.of("keygen", "jwt", "curl", "verify-jwt");

    private ToolsCommand() {
    }

    /** Runs one tool; its exit code. Errors are one line on {@code err}, never a stack trace. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new ToolsCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setExecutionExceptionHandler((exception, command, parseResult) -> {
                    command.getErr().println("fake-ims " + command.getCommandName() + ": " + exception.getMessage());
                    return 2;
                });
        return commandLine.execute(args);
    }
}
