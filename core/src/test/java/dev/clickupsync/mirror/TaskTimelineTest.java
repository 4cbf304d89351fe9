package dev.clickupsync.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.comment.CommentStore;
import dev.clickupsync.json.Json;
import dev.clickupsync.mirror.TaskSnapshot.Person;
import dev.clickupsync.support.AwsClients;
import dev.clickupsync.support.DynaliteTable;
import dev.clickupsync.support.RecordedCalls;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * A task's entry and transitions read together (on dynalite): the same entry {@link MirrorStore#findEntry}
 * reads and the same transitions {@link TransitionStore#forTask} lists, in one {@code Query}, whatever else
 * the task's partition holds.
 */
class TaskTimelineTest {
    private static final String TABLE = "task-timeline-test";
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);
    private static final Instant T = Instant.ofEpochMilli(1_760_000_000_000L);
    private static final RecordedCalls CALLS = new RecordedCalls();
    private static MirrorStore mirror;
    private static TransitionStore transitions;
    private static TaskTimeline timeline;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void stores() {
        dynamo = DYNALITE.dynamo();
        mirror = new MirrorStore(dynamo, TABLE, Clock.systemUTC(), EntryListener.NONE);
        transitions = new TransitionStore(dynamo, TABLE);
        timeline = new TaskTimeline(AwsClients.dynamo(DYNALITE.endpoint(), CALLS), TABLE);
    }

    @BeforeEach
    void forget() {
        CALLS.clear();
    }

    @Test
    void readsTheEntryAndItsTransitionsInOneQueryPastTheTimeEntriesAndCommentsBesideThem() {
        String id = newTaskId();
        mirror.upsertFetched(task(id).withJson(json(id)), T.plusSeconds(5));
        List<Transition> recorded = List.of(transition(id, "h1", null, "to do", T),
                transition(id, "h2", "to do", "in progress", T.plusSeconds(60)),
                transition(id, "h3", "in progress", "review", T.plusSeconds(3_600)));
        recorded.forEach(transitions::record);
        new TimeEntryStore(dynamo, TABLE).replaceForTask(id, List.of(
                new TimeEntryRecord("e1", id, 183L, "John", T, T.plusSeconds(60), 60_000, false, true, "", "clickup", T),
                new TimeEntryRecord("e2", id, 183L, "John", T, T.plusSeconds(90), 90_000, false, true, "", "clickup", T)));
        new CommentStore(dynamo, TABLE).put(id, comment("c1"), T, CommentStore.Source.FETCH);

        TaskTimeline.Timeline read = timeline.read(id).orElseThrow();

        assertThat(read.entry()).isEqualTo(mirror.findEntry(id).orElseThrow());
        assertThat(read.entry().snapshot().json()).as("the full JSON, decoded").isEqualTo(json(id));
        assertThat(read.transitions()).containsExactlyElementsOf(recorded).isEqualTo(transitions.forTask(id));
        assertThat(CALLS.all()).hasSize(1).allMatch(QueryRequest.class::isInstance);
        assertThat(CALLS.of(QueryRequest.class).get(0).consistentRead()).as("as strong as GetItem").isTrue();
    }

    @Test
    void anEntryWithoutTransitionsHasAnEmptyHistory() {
        String id = newTaskId();
        mirror.upsertFetched(task(id), T);

        assertThat(timeline.read(id).orElseThrow().transitions()).isEmpty();
    }

    @Test
    void transitionsWithoutAnEntryAreNoTimeline() {
        String id = newTaskId();
        transitions.record(transition(id, "h1", "to do", "done", T));

        assertThat(timeline.read(id)).as("the mirror never saw the task itself").isEmpty();
        assertThat(timeline.read(newTaskId())).isEmpty();
    }

    @Test
    void aTombstoneIsReadWithItsHistorySoTheCallerCanSayDeleted() {
        String id = newTaskId();
        mirror.upsertFetched(task(id), T);
        transitions.record(transition(id, "h1", "to do", "done", T.plusSeconds(10)));
        mirror.tombstone(id, T.plusSeconds(20));

        TaskTimeline.Timeline read = timeline.read(id).orElseThrow();

        assertThat(read.entry().snapshot().deleted()).isTrue();
        assertThat(read.transitions()).hasSize(1);
    }

    @Test
    void restoredTransitionsAreListedAsForTaskListsThem() {
        String id = newTaskId();
        mirror.upsertFetched(task(id), T);
        transitions.record(transition(id, "h1", null, "to do", T));
        transitions.recordRestored(Transition.restored(id, "to do", "custom", "review", "custom", T.plusSeconds(600)));

        assertThat(timeline.read(id).orElseThrow().transitions()).hasSize(2).isEqualTo(transitions.forTask(id));
    }

    @Test
    void aTaskWhoseTimeEntriesFillMoreThanOneQueryPageStillHasEveryTransition() {
        String id = newTaskId();
        mirror.upsertFetched(task(id), T);
        List<TimeEntryRecord> entries = new ArrayList<>();
        for (int i = 0; i < 600; i++) { // 600 x 2 KB: past a Query page's 1 MB
            entries.add(new TimeEntryRecord("e" + i, id, 183L, "John", T.plusSeconds(i), T.plusSeconds(i + 1), 1_000,
                    false, true, "x".repeat(2_000), "clickup", T));
        }
        new TimeEntryStore(dynamo, TABLE).replaceForTask(id, entries);
        transitions.record(transition(id, "h1", "to do", "done", T.plusSeconds(5)));
        CALLS.clear();

        TaskTimeline.Timeline read = timeline.read(id).orElseThrow();

        assertThat(read.transitions()).hasSize(1);
        assertThat(read.entry().snapshot().id()).isEqualTo(id);
        assertThat(CALLS.of(QueryRequest.class)).as("the time entries' bytes cost pages, not the answer").hasSizeGreaterThan(1);
    }

    private static TaskSnapshot task(String id) {
        return new TaskSnapshot(id, null, "Task " + id, "to do", "custom", null, null, List.of(new Person(1, "ada")),
                List.of(), "list-t", "f", "s", "team-t", null, T, T, null, null, null, null, null,
                null, null, List.of(), false, false, null);
    }

    private static ObjectNode json(String id) {
        ObjectNode json = Json.MAPPER.createObjectNode().put("id", id).put("name", "Task " + id);
        json.putObject("status").put("status", "to do").put("type", "custom");
        return json;
    }

    private static ObjectNode comment(String id) {
        ObjectNode comment = Json.MAPPER.createObjectNode().put("id", id).put("comment_text", "hi").put("date", "1760000000000");
        comment.putObject("user").put("id", 183);
        return comment;
    }

    private static Transition transition(String task, String historyId, String from, String to, Instant at) {
        return new Transition(task, historyId, from, from == null ? null : "custom", to, "custom", at, 183L);
    }

    private static String newTaskId() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }
}
