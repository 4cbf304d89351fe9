package dev.clickupsync.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.clickupsync.http.GatewayCaller;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * The IAM caller of the API Gateway v2 event being served: quarkus-amazon-lambda-http hands each
 * event's {@code requestContext} to the request it dispatches (as a context object on its headers),
 * and this reads {@code authorizer.iam.userArn} from it. Only the gateway writes that part of the
 * event, and only on routes guarded by its {@code AWS_IAM} authorizer (see {@link GatewayCaller}).
 *
 * <p>Read here rather than through Quarkus security's {@code IAMPrincipal} so that no authentication
 * mechanism is switched on for the admin and webhook routes, whose access rules are the application's own.
 */
@ApplicationScoped
public class LambdaGatewayCaller implements GatewayCaller {

    @Inject
    CurrentVertxRequest current;

    @Override
    public Optional<String> iamCaller() {
        RoutingContext routing = current.getCurrent();
        if (routing == null || !(routing.request().headers() instanceof QuarkusHttpHeaders headers)) {
            return Optional.empty();
        }
        APIGatewayV2HTTPEvent.RequestContext context = headers.getContextObject(APIGatewayV2HTTPEvent.RequestContext.class);
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getIam() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(context.getAuthorizer().getIam().getUserArn()).filter(arn -> !arn.isBlank());
    }
}
