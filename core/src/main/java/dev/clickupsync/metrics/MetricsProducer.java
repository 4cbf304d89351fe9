package dev.clickupsync.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

/** Builds the application's {@link Metrics} from {@link MetricsConfig}. */
@ApplicationScoped
public class MetricsProducer {

    @Produces
    @Singleton
    Metrics metrics(MetricsConfig config) {
        return new Metrics(config.namespace(), config.service(), config.emf(), System.out);
    }
}
