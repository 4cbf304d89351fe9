package dev.clickupsync.bench;

import dev.clickupsync.testkit.aws.EmulatorUnavailableException;
import dev.clickupsync.testkit.quarkus.EmbeddedStack;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * The bench as one command: starts dynalite (a Node.js child process), ElasticMQ and the fake ClickUp (like
 * {@code LocalMain}, with the second workspace that {@code LOCAL_WORKSPACES=2} adds there), hands their endpoints to Quarkus as system properties, runs every benchmark
 * in {@link #run}, writes the report and exits.
 *
 * <pre>
 * ./mvnw -q -pl bench -am package -DskipTests
 * java -Djava.awt.headless=true -jar bench/target/quarkus-app/quarkus-run.jar --size=default --seed=20260707
 * </pre>
 * {@code --only=reads} (or {@code chaos}, {@code storm}, {@code ack}) runs that section alone and splices it into the existing report.
 */
@QuarkusMain
public class BenchMain implements QuarkusApplication {
    static final String COMMAND = "./mvnw -q -pl bench -am package -DskipTests && "
            + "java -Djava.awt.headless=true -jar bench/target/quarkus-app/quarkus-run.jar";
    private static volatile EmbeddedStack stack;

    @Inject
    BenchRunner runner;

    public static void main(String... args) {
        System.setProperty("java.awt.headless", "true");
        BenchOptions.parse(args); // refuse bad arguments before starting anything
        try {
            // The chaos run's second workspace ("acme", its own fake and token: sync.workspaces.acme.*).
            stack = EmbeddedStack.start(true).withSecondWorkspace();
        } catch (EmulatorUnavailableException e) {
            System.err.println("clickup-sync bench: " + e.getMessage()); // what to install, not a stack trace
            System.exit(2);
            return;
        }
        stack.applyAsSystemPropertyDefaults();
        try {
            Quarkus.run(BenchMain.class, args);
        } finally {
            stack.close();
        }
    }

    @Override
    public int run(String... args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        String command = COMMAND + " --size=" + options.size() + " --seed=" + options.seed()
                + (args.length > 0 && String.join(" ", args).contains("--out=") ? " --out=" + options.output() : "")
                + (options.only().isEmpty() ? "" : " --only=" + options.only());
        List<String> failures = switch (options.only()) {
            case "" -> runner.run(options, command, stack.clickUp(), stack.secondClickUp()).correctnessFailures();
            case "chaos" -> ChaosReport.failures(runner.runChaos(options, command, stack.clickUp(), stack.secondClickUp()));
            case "storm" -> runner.runStorm(options, command, stack.clickUp());
            case "ack" -> runner.runAck(options, command);
            default -> ReadReport.failures(runner.runReads(options, command));
        };
        failures.forEach(f -> Logger.getLogger(BenchMain.class).errorf("bench correctness failure: %s", f));
        return failures.isEmpty() ? 0 : 1;
    }
}
