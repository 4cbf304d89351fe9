package dev.clickupsync.bench;

import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.query.PageClock;
import dev.clickupsync.query.Scope;
import dev.clickupsync.query.TaskQuery;
import dev.clickupsync.query.TaskQueryEngine;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Where a page's time goes, one reader, no contention from other readers: the same page read by
 * layers, each timed on its own over the same requests.
 * <ul>
 *   <li><b>BatchGetItem</b>: {@link MirrorStore#findEntries} of the page's 100 task ids (the entries
 *       alone, strongly consistent);</li>
 *   <li><b>engine</b>: {@link TaskQueryEngine#run} of the parsed query as the read resource runs it: under the
 *       list's generation ({@link PageClock}, one {@code GetItem}), so from the page's start when an earlier
 *       walk passed it ({@code query/PageCursors}), then the index {@code Query}, filters and the
 *       {@code BatchGetItem}; in-process, no HTTP and no JSON;</li>
 *   <li><b>HTTP</b>: the whole read as a client sees it, sent with {@code Cache-Control: no-cache} so
 *       that the page is computed, not served from the page cache; minus the engine, what rendering
 *       the JSON and the HTTP round trip add.</li>
 * </ul>
 */
final class ReadProfile {
    /** One layer's p50 and p99 in milliseconds. */
    record Layer(String name, double p50Millis, double p99Millis) {
    }

    /** The layers of one read ({@link ReadBench.Read#PAGE} or {@link ReadBench.Read#FILTERED}). */
    record Profile(ReadBench.Read read, int requests, List<Layer> layers) {
    }

    private ReadProfile() {
    }

    static int requests(BenchOptions options) {
        return "smoke".equals(options.size()) ? 30 : 200;
    }

    static Profile run(ReadBench.Read read, TaskQueryEngine engine, PageClock clock, MirrorStore mirror, URI replica,
                       String token, ReadSeed.Seeded seeded, int requests, long seed) throws Exception {
        List<String> paths = new ArrayList<>();
        Random rnd = new Random(seed);
        for (int i = 0; i < requests; i++) {
            paths.add(ReadBench.path(read, seeded, rnd));
        }
        List<TaskQuery> queries = paths.stream().map(ReadProfile::query).toList();
        List<List<String>> ids = queries.stream().map(q -> engine.run(q, clock.generation(q)).tasks().stream()
                .map(TaskSnapshot::id).toList()).toList(); // also the warm-up of the engine path
        long[] batch = new long[requests];
        long[] engineRun = new long[requests];
        long[] http = new long[requests];
        HttpClient client = ClosedLoop.client();
        for (int i = 0; i < requests; i++) {
            long t0 = System.nanoTime();
            mirror.findEntries(ids.get(i));
            long t1 = System.nanoTime();
            engine.run(queries.get(i), clock.generation(queries.get(i)));
            long t2 = System.nanoTime();
            HttpResponse<String> response = client.send(ReadBench.get(replica, token, paths.get(i), true),
                    HttpResponse.BodyHandlers.ofString());
            long t3 = System.nanoTime();
            if (response.statusCode() != 200) {
                throw new IllegalStateException(paths.get(i) + " answered " + response.statusCode());
            }
            batch[i] = t1 - t0;
            engineRun[i] = t2 - t1;
            http[i] = t3 - t2;
        }
        return new Profile(read, requests, List.of(layer("BatchGetItem of the page's entries", batch),
                layer("engine: generation GetItem + index Query + filters + BatchGetItem, in-process", engineRun),
                layer("HTTP: the whole read, `no-cache` (engine + JSON rendering + HTTP)", http)));
    }

    private static Layer layer(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Layer(name, ClosedLoop.percentile(sorted, 0.50), ClosedLoop.percentile(sorted, 0.99));
    }

    /** The read's path (under the prefix) as the resource parses it. */
    private static TaskQuery query(String path) {
        String query = path.substring(path.indexOf('?') + 1);
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.computeIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return TaskQuery.parse(Scope.list(ReadSeed.LIST_ID), params);
    }
}
