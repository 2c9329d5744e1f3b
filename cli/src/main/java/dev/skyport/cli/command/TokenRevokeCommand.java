package dev.skyport.cli.command;

import dev.skyport.api.microservice.TokenInfo;
import dev.skyport.cli.CliServices;
import dev.skyport.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "Revokes a token: it is refused from the next request on. The ID comes from skycli token list.")
public final class TokenRevokeCommand implements Callable<Integer> {

    private final CliServices services;

    @Parameters(paramLabel = "ID", description = "the token's id (skycli token list)")
    String id;

    TokenRevokeCommand(CliServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        TokenInfo token = services.buildFarm().revokeToken(id);
        services.out().println("revoked token " + token.id() + " (" + token.scope() + ") at " + token.revokedAt());
        return ExitCodes.OK;
    }
}
