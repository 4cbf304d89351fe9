package dev.clickupsync.bench;

import dev.clickupsync.mirror.MirrorStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The acknowledgement bench's HTTP baseline ({@link AckLatencyBench}): the same request as
 * {@code POST /webhooks/clickup}, taken the same way (raw bytes, the same headers, a blocking
 * resource method, a small JSON answer) and answered at once. The difference to the webhook is
 * what ingest itself costs: verification, validation and the SQS round trip. Served by the bench
 * application only.
 *
 * <p>And the read bench's ceiling ({@link ReadBench}, {@code GET /bench/noop/read}): a copy of a real
 * task answer of the replica, installed by the bench before its cells ({@link #answer}), returned as
 * it is with the same content type, no access check, no mirror. What this machine's HTTP stack and
 * client reach alone with a body of a read's size.
 *
 * <p>And its floor ({@code GET /bench/noop/store/{id}}): the same answer, after the one consistent
 * {@code GetItem} of the task's entry that every task read missing the caches makes
 * ({@link MirrorStore#findEntry}), and nothing else of the replica (no access check, no rendering,
 * no caches, no filters). What one store call plus one HTTP exchange reach on this machine: the most
 * any such read can, whatever the replica does.
 */
@Path("/bench/noop")
public class BenchNoopResource {
    private static volatile String readBody = "{}";

    @Inject
    MirrorStore mirror;

    /** Installs the body {@code GET /bench/noop/read} answers from now on. */
    static void answer(String body) {
        readBody = body;
    }

    @GET
    @Path("/read")
    public Response read() {
        return Response.ok(readBody, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/store/{id}")
    public Response store(@PathParam("id") String id) {
        return mirror.findEntry(id).isPresent() ? Response.ok(readBody, MediaType.APPLICATION_JSON).build()
                : Response.status(Response.Status.NOT_FOUND).build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response receive(byte[] body, @HeaderParam("Content-Type") String contentType,
                            @HeaderParam("X-Signature") String signature) {
        int length = body == null ? 0 : body.length;
        return Response.ok("{\"status\":\"ok\",\"bytes\":" + length + "}", MediaType.APPLICATION_JSON).build();
    }
}
