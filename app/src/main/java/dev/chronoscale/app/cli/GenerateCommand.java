package dev.chronoscale.app.cli;

import dev.chronoscale.gateway.noise.ServerNoiseKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "generate", aliases = "gen", description = "Generate commands.", subcommands = GenerateCommand.PrivateKey.class)
final class GenerateCommand {

    @Mixin
    PersistentFlags flags;

    /** Headscale's {@code generate private-key}: a key for {@code noise.private_key_path}, printed, not stored. */
    @Command(name = "private-key", description = "Generate a private key for the server (noise.private_key_path).")
    static final class PrivateKey implements Callable<Integer> {
        @Mixin
        PersistentFlags flags;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            String key = ServerNoiseKey.newPrivateText();
            String output = PersistentFlags.<String>nearest(spec, "--output").orElse(null);
            System.out.println(output == null ? key
                    : HeadscaleCliJson.print(ApiCommand.JSON.valueToTree(Map.of("private_key", key)), output));
            return 0;
        }
    }
}
