package dev.clickupsync.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickupsync.clickup.model.ClickUpTask;
import dev.clickupsync.json.Json;
import dev.clickupsync.metrics.Metrics;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.mirror.Transition;
import dev.clickupsync.mirror.TransitionStore;
import dev.clickupsync.support.DynaliteTable;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Which listed tasks the change walk notes for the transition restore, on dynalite through the real SDK:
 * the import rule against {@link HeardSince}, the {@code changed} and {@code unexplained} checks, and a
 * task listed again within the walk's overlap. Each test uses its own workspace (team id).
 */
class RestoreCandidatesTest {
    private static final String TABLE = "restore-candidates-test";
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(TABLE);
    private static final long T = 1_760_000_000_000L;
    private static final AtomicInteger TEAMS = new AtomicInteger();
    private static DynamoDbClient dynamo;
    private static MirrorStore mirror;
    private static TransitionStore transitions;
    private static PendingRestores pending;

    private final String team = "team-" + TEAMS.incrementAndGet();

    @BeforeAll
    static void startDynamo() {
        dynamo = DYNALITE.dynamo();
        mirror = new MirrorStore(dynamo, TABLE);
        transitions = new TransitionStore(dynamo, TABLE);
        pending = new PendingRestores(dynamo, TABLE, Clock.systemUTC());
    }

    @Test
    void heardSinceKeepsTheFirstEventsTimeWhoeverWritesLater() {
        new HeardSince(dynamo, TABLE).mark(team, at(5));
        new HeardSince(dynamo, TABLE).mark(team, at(1)); // another instance, an older redelivery: too late

        assertThat(new HeardSince(dynamo, TABLE).of(team)).contains(at(5));
        assertThat(new HeardSince(dynamo, TABLE).of(team + "-never-heard")).isEmpty();
    }

    @Test
    void heardSinceIsReadUntilItExistsThenAnsweredFromMemoryAndAnEventWithoutATeamMarksNothing() {
        HeardSince heard = new HeardSince(dynamo, TABLE);
        heard.mark(null, at(1)); // a snapshot without team_id
        assertThat(heard.of(team)).as("absent: asked again next time").isEmpty();
        new HeardSince(dynamo, TABLE).mark(team, at(7)); // the drain, in another instance

        assertThat(heard.of(team)).contains(at(7));
        dynamo.deleteItem(b -> b.tableName(TABLE).key(dev.clickupsync.store.Item.key(HeardSince.PARTITION_PREFIX + team,
                HeardSince.SORT)));
        assertThat(heard.of(team)).as("never moves once written: not read again").contains(at(7));
    }

    @Test
    void aFirstWalkImportsTasksCreatedBeforeTheMirrorHeardItsWorkspaceAndNotesThoseCreatedSince() throws Exception {
        new HeardSince(dynamo, TABLE).mark(team, at(100));
        String old = id("old");
        String created = id("created-since");

        int noted = candidates(RestoreConfig.Check.CHANGED).note(team,
                List.of(listed(old, "to do", 0, 500), listed(created, "to do", 200, 500)), null);

        assertThat(noted).isEqualTo(1);
        assertThat(pending.taskIds(team)).containsExactly(created);
    }

    @Test
    void withoutHeardSinceAFirstWalkIsAnImportAsBefore() throws Exception {
        int noted = candidates(RestoreConfig.Check.CHANGED).note(team, List.of(listed(id("a"), "to do", 200, 500)), null);

        assertThat(noted).isZero();
        assertThat(pending.taskIds(team)).isEmpty();
    }

    @Test
    void aVisitAndBackHiddenByALaterHeardChangeIsNotedUnderChangedOnly() throws Exception {
        new HeardSince(dynamo, TABLE).mark(team, at(0));
        String task = id("visit");
        // Heard: created in to do, then review. Dropped in between: to do -> in progress -> to do.
        transitions.record(new Transition(task, "1", null, null, "to do", "open", at(10), 5L));
        transitions.record(new Transition(task, "4", "to do", "open", "review", "custom", at(400), 5L));
        ClickUpTask now = listed(task, "review", 10, 400);
        mirror.upsert(TaskSnapshot.of(now));

        assertThat(candidates(RestoreConfig.Check.UNEXPLAINED).note(team, List.of(now), at(300)))
                .as("the history explains review and the mirror is current: nothing to see").isZero();
        assertThat(candidates(RestoreConfig.Check.CHANGED).note(team, List.of(now), at(300))).isEqualTo(1);
        assertThat(pending.taskIds(team)).containsExactly(task);
    }

    @Test
    void aTaskListedAgainWithinTheOverlapIsNotNotedAgainForBeingListed() throws Exception {
        new HeardSince(dynamo, TABLE).mark(team, at(0));
        String task = id("overlap");
        transitions.record(new Transition(task, "1", null, null, "to do", "open", at(10), 5L));
        ClickUpTask now = listed(task, "to do", 10, 250);
        mirror.upsert(TaskSnapshot.of(now));

        assertThat(candidates(RestoreConfig.Check.CHANGED)
                .note(team, List.of(now), at(300))).as("changed at 250, the previous walk reached 300").isZero();
        assertThat(pending.taskIds(team)).isEmpty();
        // Even a gap is judged once per version: the walk that listed it first noted it.
        transitions.record(new Transition(task, "3", "in progress", "custom", "to do", "open", at(250), 5L));
        assertThat(candidates(RestoreConfig.Check.UNEXPLAINED).note(team, List.of(now), at(300))).isZero();
        assertThat(candidates(RestoreConfig.Check.UNEXPLAINED).note(team, List.of(now), at(200)))
                .as("the same gap at a version after the previous walk").isEqualTo(1);
    }

    @Test
    void aTaskCreatedSinceHeardWhoseCreationWasNeverHeardIsNotedEvenUnderUnexplained() throws Exception {
        new HeardSince(dynamo, TABLE).mark(team, at(0));
        String task = id("no-creation");
        String whole = id("whole");
        // Both in progress, both explained by their last transition; only one has its creation.
        transitions.record(new Transition(task, "2", "to do", "open", "in progress", "custom", at(20), 5L));
        transitions.record(new Transition(whole, "1", null, null, "to do", "open", at(10), 5L));
        transitions.record(new Transition(whole, "2", "to do", "open", "in progress", "custom", at(20), 5L));
        ClickUpTask listedTask = listed(task, "in progress", 10, 20);
        ClickUpTask listedWhole = listed(whole, "in progress", 10, 20);
        mirror.upsert(TaskSnapshot.of(listedTask));
        mirror.upsert(TaskSnapshot.of(listedWhole));

        int noted = candidates(RestoreConfig.Check.UNEXPLAINED).note(team, List.of(listedTask, listedWhole), at(15));

        assertThat(noted).isEqualTo(1);
        assertThat(pending.taskIds(team)).containsExactly(task);
    }

    private RestoreCandidates candidates(RestoreConfig.Check check) {
        RestoreConfig config = () -> check;
        return new RestoreCandidates(mirror, transitions, pending, new HeardSince(dynamo, TABLE), config, Metrics.inMemory());
    }

    private String id(String name) {
        return team + "-" + name;
    }

    private static Instant at(long offsetMillis) {
        return Instant.ofEpochMilli(T + offsetMillis);
    }

    private ClickUpTask listed(String id, String status, long created, long updated) throws Exception {
        return Json.MAPPER.readValue("{\"id\": \"" + id + "\", \"name\": \"" + id + "\", \"status\": {\"status\": \""
                + status + "\", \"type\": \"custom\"}, \"team_id\": \"" + team + "\", \"list\": {\"id\": \"list-1\"},"
                + " \"date_created\": \"" + (T + created) + "\", \"date_updated\": \"" + (T + updated) + "\"}",
                ClickUpTask.class);
    }
}
