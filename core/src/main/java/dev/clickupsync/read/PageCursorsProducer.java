package dev.clickupsync.read;

import dev.clickupsync.query.PageCursors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The query engine's page starts ({@link PageCursors}), bound by the page cache's settings: they are kept under
 * the generation {@link PageCache} reads before it computes, so none while the cache is off, and they serve for
 * its {@code max-age}, the same bound on a lost generation tick as its kept answers. Produced here because
 * package {@code query} sits below this one, whose configuration this is.
 */
@ApplicationScoped
public class PageCursorsProducer {

    @Produces
    @Singleton
    PageCursors pageCursors(ReadApiConfig config) {
        ReadApiConfig.PageCacheConfig cache = config.pageCache();
        return cache.enabled() ? new PageCursors(PageCursors.MAX_STARTS, cache.maxAge()) : PageCursors.none();
    }
}
