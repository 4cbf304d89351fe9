package dev.clickupsync.comment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.json.Json;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import dev.clickupsync.support.DynaliteTable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A task's comments in the mirror table, on dynalite: the version guard, tombstones and the read order. */
class CommentStoreTest {
    private static final String TABLE = "comment-store-test";
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);
    private static final long T = 1_760_000_000_000L;
    private static DynamoDbClient dynamo;
    private static CommentStore store;

    @BeforeAll
    static void startDynamo() {
        dynamo = DYNALITE.dynamo();
        store = new CommentStore(dynamo, TABLE);
    }

    @Test
    void reorderedAndDuplicateWritesConvergeOnTheNewestVersion() {
        String task = newTaskId();
        ObjectNode edited = comment("648893191", T, "edited");
        ObjectNode posted = comment("648893191", T, "posted");

        assertThat(store.put(task, edited, at(T + 60_000), CommentStore.Source.WEBHOOK)).isEqualTo(CommentStore.Write.APPLIED);
        assertThat(store.put(task, posted, at(T), CommentStore.Source.WEBHOOK)).as("older, arriving late")
                .isEqualTo(CommentStore.Write.STALE);
        assertThat(store.put(task, edited, at(T + 60_000), CommentStore.Source.WEBHOOK)).as("a duplicate")
                .isEqualTo(CommentStore.Write.STALE);

        assertThat(store.live(task)).singleElement().satisfies(c -> {
            assertThat(c.json()).isEqualTo(edited);
            assertThat(c.version()).isEqualTo(at(T + 60_000));
            assertThat(c.date()).isEqualTo(at(T));
        });
    }

    @Test
    void aTombstoneHidesTheCommentAndRefusesAnOlderWebhookButNotANewerOne() {
        String task = newTaskId();
        ObjectNode posted = comment("700000001", T, "soon deleted");
        store.put(task, posted, at(T), CommentStore.Source.WEBHOOK);
        CommentStore.StoredComment stored = store.live(task).get(0);

        assertThat(store.tombstone(task, stored, at(T + 1_000))).isEqualTo(CommentStore.Write.APPLIED);
        assertThat(store.live(task)).isEmpty();
        assertThat(store.forTask(task)).singleElement().satisfies(c -> assertThat(c.deleted()).isTrue());
        assertThat(store.put(task, posted, at(T), CommentStore.Source.WEBHOOK)).as("the posting, redelivered")
                .isEqualTo(CommentStore.Write.STALE);
        assertThat(store.live(task)).isEmpty();

        ObjectNode edited = comment("700000001", T, "edited after the fetch");
        assertThat(store.put(task, edited, at(T + 2_000), CommentStore.Source.WEBHOOK)).isEqualTo(CommentStore.Write.APPLIED);
        assertThat(store.live(task)).extracting(CommentStore.StoredComment::json).containsExactly(edited);
    }

    @Test
    void aTombstoneOlderThanTheStoredCommentIsRefused() {
        String task = newTaskId();
        store.put(task, comment("700000002", T, "posted after the read began"), at(T + 5_000), CommentStore.Source.WEBHOOK);

        assertThat(store.tombstone(task, store.live(task).get(0), at(T + 4_000))).isEqualTo(CommentStore.Write.STALE);
        assertThat(store.live(task)).hasSize(1);
    }

    @Test
    void commentsAreListedNewestFirstWithIdsAsNumbersOnTies() {
        String task = newTaskId();
        store.put(task, comment("99", T, "same date, smaller id"), at(T), CommentStore.Source.WEBHOOK);
        store.put(task, comment("100", T, "same date, larger id"), at(T), CommentStore.Source.WEBHOOK);
        store.put(task, comment("5", T + 1, "newest"), at(T + 1), CommentStore.Source.WEBHOOK);
        store.put(task, comment("7", T - 1, "oldest"), at(T - 1), CommentStore.Source.WEBHOOK);
        store.put(newTaskId(), comment("8", T, "another task's"), at(T), CommentStore.Source.WEBHOOK);

        assertThat(store.live(task)).extracting(CommentStore.StoredComment::commentId).containsExactly("5", "100", "99", "7");
    }

    @Test
    void aCommentWithoutIdOrNumericDateIsRefused() {
        String task = newTaskId();
        ObjectNode noDate = comment("1", T, "x").put("date", "yesterday");
        ObjectNode noId = comment("1", T, "x");
        noId.remove("id");

        assertThatThrownBy(() -> store.put(task, noDate, at(T), CommentStore.Source.WEBHOOK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put(task, noId, at(T), CommentStore.Source.WEBHOOK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.forTask(task)).isEmpty();
    }

    static ObjectNode comment(String id, long date, String text) {
        ObjectNode c = Json.MAPPER.createObjectNode().put("id", id);
        c.putArray("comment").addObject().put("text", text);
        c.put("comment_text", text).put("date", Long.toString(date));
        return c;
    }

    private static Instant at(long millis) {
        return Instant.ofEpochMilli(millis);
    }

    private static String newTaskId() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
