package dev.chronoscale.app.cli;

import dev.chronoscale.app.config.ChronoscaleConfig;
import dev.chronoscale.app.config.ConfigLoader;
import dev.chronoscale.domain.policy.InvalidPolicyException;
import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.domain.policy.TailscalePolicyValidator;
import dev.chronoscale.gateway.noise.ServerNoiseKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Headscale's {@code configtest}: reads the configuration as {@code serve} would and exits, 0 when it is usable.
 * Beside every key's value it checks what a start reads from files: the policy file in {@code policy.mode: file}
 * and an existing Noise key. It opens no listener and no database, so it can run beside the server.
 */
@Command(name = "configtest", description = "Test the configuration and exit (status 0 when serve would accept it).")
final class ConfigTestCommand implements Callable<Integer> {

    @Mixin
    PersistentFlags flags;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ChronoscaleConfig config = ConfigLoader.load(RootCommand.configFile(spec), System.getenv(),
                w -> System.err.println("warning: " + w));
        if (config.policyMode() == ChronoscaleConfig.PolicyMode.FILE && config.policyPath().isPresent()) {
            Path policy = config.policyPath().get();
            try {
                new TailscalePolicyValidator(new PolicyParser()).check(Files.readString(policy));
            } catch (IOException e) {
                throw new CliFailure("config key 'policy.path': cannot read " + policy + ": " + e.getMessage());
            } catch (InvalidPolicyException e) {
                throw new CliFailure("config key 'policy.path': " + policy + ": " + e.getMessage());
            }
        }
        if (Files.exists(config.noisePrivateKeyPath())) {
            try {
                ServerNoiseKey.check(config.noisePrivateKeyPath());
            } catch (IOException e) {
                throw new CliFailure("config key 'noise.private_key_path': " + e.getMessage());
            }
        }
        return 0;
    }
}
