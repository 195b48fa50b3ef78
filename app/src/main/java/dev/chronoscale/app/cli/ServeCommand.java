package dev.chronoscale.app.cli;

import dev.chronoscale.app.config.ChronoscaleConfig;
import dev.chronoscale.app.config.ConfigLoader;
import dev.chronoscale.app.server.ChronoscaleServer;
import dev.chronoscale.app.server.ServerLifecycle;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", description = "Run the control server (embedded H2 under ./data unless configured otherwise).")
final class ServeCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, description = "Config file (default ./chronoscale.yaml if present; env CHRONOSCALE_CONFIG).")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Optional<Path> file = RootCommand.configFile(spec);
        ChronoscaleConfig loaded = ConfigLoader.load(file, System.getenv(), w -> System.err.println("warning: " + w));
        Files.createDirectories(loaded.dataDir());
        ConfigurableApplicationContext context = ChronoscaleServer.start(loaded);
        ServerLifecycle server = context.getBean(ServerLifecycle.class);
        System.err.println("Chronoscale is serving on http://" + server.boundAddress().getHostString() + ":"
                + server.boundAddress().getPort() + " (" + (loaded.database().isPostgres() ? "PostgreSQL" : "embedded H2 in "
                + loaded.dataDir()) + ")" + loaded.unixSocket().map(s -> "; CLI socket " + s).orElse(""));
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener(event -> {
            if (event instanceof org.springframework.context.event.ContextClosedEvent) {
                closed.countDown();
            }
        });
        closed.await();
        return 0;
    }
}
