package dev.clickupsync.llm;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * {@code POST /chat/completions} under the configured base URL (which includes {@code /v1}).
 * Built programmatically by {@link LlmClient} (base URL and timeouts from {@link LlmConfig}); the
 * body is answered as text so that a malformed answer is told apart from a transport error.
 */
@RegisterRestClient(configKey = "llm")
public interface ChatCompletionsApi {

    /** @param authorization {@code Bearer <key>}, or null for servers that need no key (header omitted) */
    @POST
    @Path("/chat/completions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    String complete(@HeaderParam("Authorization") String authorization, ChatRequest request);
}
