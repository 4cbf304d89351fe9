package dev.clickupsync.read;

import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Puts {@link AnswerCache} in front of every read route, generically: as a request filter that runs
 * after resource matching (so after {@link ReadApiFilter}, a pre-matching filter, has checked access
 * and rewritten the prefix) and a response filter that keeps what the resource answered.
 *
 * <p>Request: only a {@code GET} that {@link ReadApiFilter} admitted ({@link ReadApiFilter#ADMITTED},
 * set on the request only after the token or IAM check passed) is looked up; a request it refused was
 * aborted before this filter and never reaches a kept answer. A kept answer is served as it was
 * rendered (body, content type, the resource's own headers such as the {@link Freshness} ones, with
 * {@code X-Mirror-Age} recomputed for now), plus HTTP's {@code Age} (whole seconds since computed) and
 * {@code X-Mirror-Cache: hit} as {@link PageCache} marks its hits. {@code Cache-Control: no-cache} or
 * {@code max-age=0} ({@link RequestCacheControl}) skips the lookup; the fresh answer is then kept in
 * place of the old one.
 *
 * <p>Response: only a {@code 200} whose entity is the rendered JSON string (what every read resource
 * returns) is kept; an error ({@code 4xx}, {@code 5xx}) never is, so a task that appears a moment
 * after a {@code 404} is served at once; and a computed error drops what was kept under its key (a
 * {@code no-cache} request that finds the task gone leaves no kept {@code 200} behind it).
 */
@Provider
public class AnswerCacheFilter implements ContainerRequestFilter, ContainerResponseFilter {
    /** The request property holding the cache key of a request that may be served from or kept in the cache. */
    static final String KEY = "dev.clickupsync.read.answer-cache.key";
    /** The request property marking a request answered from the cache (not to be kept again). */
    static final String SERVED = "dev.clickupsync.read.answer-cache.served";
    /** HTTP's {@code Age} (RFC 9111 5.1). */
    static final String AGE = "Age";
    /** Headers a kept answer does not carry over: set anew when served, or the transport's own. */
    private static final Set<String> NOT_KEPT = Set.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_LENGTH, AGE,
            PageCache.HEADER, HttpHeaders.DATE, "Transfer-Encoding", "Connection", HttpHeaders.SET_COOKIE,
            Freshness.AGE).stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());

    @Inject
    AnswerCache cache;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!Boolean.TRUE.equals(request.getProperty(ReadApiFilter.ADMITTED)) || !HttpMethod.GET.equals(request.getMethod())
                || !cache.enabled()) {
            return;
        }
        URI uri = request.getUriInfo().getRequestUri();
        String key = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        request.setProperty(KEY, key);
        if (RequestCacheControl.refresh(request.getHeaderString(HttpHeaders.CACHE_CONTROL))) {
            return;
        }
        cache.get(key).ifPresent(served -> {
            request.setProperty(SERVED, Boolean.TRUE);
            request.abortWith(response(served, Instant.now()));
        });
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(KEY) instanceof String key) || request.getProperty(SERVED) != null) {
            return;
        }
        if (response.getStatus() != Response.Status.OK.getStatusCode() || !(response.getEntity() instanceof String body)) {
            cache.forget(key); // computed and not a 200: what was kept (before a no-cache request) is outdated
            return;
        }
        MediaType type = response.getMediaType();
        List<AnswerCache.Header> headers = new ArrayList<>();
        for (Map.Entry<String, List<String>> header : response.getStringHeaders().entrySet()) {
            if (!NOT_KEPT.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                header.getValue().forEach(value -> headers.add(new AnswerCache.Header(header.getKey(), value)));
            }
        }
        cache.put(key, new AnswerCache.Answer(body, type == null ? MediaType.APPLICATION_JSON : type.toString(), headers));
    }

    /** A kept answer as served: its own headers, its freshness age for now, {@code Age} and the hit mark. */
    static Response response(AnswerCache.Served served, Instant now) {
        AnswerCache.Answer answer = served.answer();
        Response.ResponseBuilder response = Response.ok(answer.body(), answer.mediaType());
        for (AnswerCache.Header header : answer.headers()) {
            response.header(header.name(), header.value());
            if (header.name().equalsIgnoreCase(Freshness.WRITTEN_AT)) {
                response.header(Freshness.AGE, Freshness.age(Instant.ofEpochMilli(Long.parseLong(header.value())), now));
            }
        }
        return response.header(AGE, Long.toString(served.ageSeconds())).header(PageCache.HEADER, "hit").build();
    }
}
