package dev.clickupsync.read;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A read request refused with a ready problem answer (an unsupported parameter, a malformed id, a
 * task the mirror has not seen): thrown from deep in a request's handling, answered as is by
 * {@link Mapper}. No stack trace is kept: it is an answer, not a failure.
 */
final class ReadRejection extends RuntimeException {
    private final transient Response response;

    ReadRejection(Response response) {
        super(null, null, false, false);
        this.response = response;
    }

    Response response() {
        return response;
    }

    /** Answers a {@link ReadRejection} with its response. */
    @Provider
    public static class Mapper implements ExceptionMapper<ReadRejection> {
        @Override
        public Response toResponse(ReadRejection rejection) {
            return rejection.response();
        }
    }
}
