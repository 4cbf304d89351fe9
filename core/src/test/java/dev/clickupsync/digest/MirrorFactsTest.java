package dev.clickupsync.digest;

import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import dev.clickupsync.mirror.Transition;
import dev.clickupsync.mirror.TransitionStore;
import dev.clickupsync.store.ListMembership;
import dev.clickupsync.support.AwsClients;
import dev.clickupsync.testkit.aws.EmbeddedDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which mirror facts a scope and window select, on dynalite (list and space scopes). */
class MirrorFactsTest {
    private static final String MIRROR = "digest-facts-mirror";
    private static final String CONTROL = "digest-facts-control";
    private static final Instant TO = Instant.parse("2026-11-22T07:00:00Z");
    private static final Instant FROM = TO.minus(Duration.ofHours(24));

    private static EmbeddedDynamoDb server;
    private static DynamoDbClient dynamo;
    private static MirrorStore mirror;
    private static ListMembership membership;
    private static TransitionStore transitions;

    @BeforeAll
    static void start() {
        server = EmbeddedDynamoDb.start();
        dynamo = AwsClients.dynamo(server.endpoint());
        Provisioner provisioner = new Provisioner(dynamo, null);
        provisioner.ensureTable(MIRROR);
        provisioner.ensureTable(CONTROL);
        mirror = new MirrorStore(dynamo, MIRROR);
        membership = new ListMembership(dynamo, MIRROR, CONTROL);
        transitions = new TransitionStore(dynamo, MIRROR);

        // space S1 has lists A and B; list C is in space S2
        put(task("a-review", "A", "S1", "review", "custom", hoursAgo(30), null, List.of()));          // in progress, unchanged
        put(task("a-done", "A", "S1", "shipped", "done", hoursAgo(3), null, List.of()));              // changed, finished
        put(task("a-stale-done", "A", "S1", "shipped", "done", hoursAgo(48), hoursAgo(72), List.of())); // finished: not overdue
        put(task("a-tagged", "A", "S1", "to do", "open", hoursAgo(72), null, List.of("Blocked-by-vendor"))); // blocked by tag
        put(task("a-future-due", "A", "S1", "to do", "open", hoursAgo(72), TO.plus(Duration.ofDays(1)), List.of())); // nothing
        put(task("a-edge", "A", "S1", "to do", "open", FROM, null, List.of()));                        // exactly at from: outside
        put(task("b-new", "B", "S1", "to do", "open", hoursAgo(1), null, List.of()));
        put(task("c-new", "C", "S2", "to do", "open", hoursAgo(1), null, List.of()));
        TaskSnapshot archived = task("a-archived", "A", "S1", "review", "custom", hoursAgo(1), null, List.of());
        put(new TaskSnapshot(archived.id(), null, archived.name(), archived.status(), archived.statusType(), null, null,
                List.of(), List.of(), "A", null, "S1", "T1", null, null, archived.dateUpdated(), null, null, null, null, null,
                null, null, List.of(), true, false, null));
        transitions.record(new Transition("a-done", "h1", "review", "custom", "shipped", "done", hoursAgo(3), 1L));
        transitions.record(new Transition("a-done", "h0", "to do", "open", "review", "custom", hoursAgo(26), 1L));
        transitions.record(new Transition("a-done", "h2", "shipped", "done", "review", "custom", TO.plusSeconds(60), 1L));
        membership.register("T1", "A", "S1");
        membership.register("T1", "B", "S1");
        membership.register("T1", "C", "S2");
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        server.close();
    }

    @Test
    void aListScopeSelectsChangedInProgressBlockedAndOverdueTasksWithTheWindowsTransitionsOnly() {
        ScopeFacts facts = facts(Optional.empty()).read(new DigestScope(DigestScope.Kind.LIST, "A", "x"), FROM, TO);

        assertThat(facts.listIds()).containsExactly("A");
        assertThat(facts.tasks()).extracting(TaskFact::id).containsExactly("a-done", "a-tagged", "a-review");
        TaskFact done = facts.tasks().get(0);
        assertThat(done.changed()).isTrue();
        assertThat(done.inProgress() || done.blocked() || done.overdue()).as("finished tasks are neither").isFalse();
        assertThat(done.transitions()).extracting(Transition::historyId).containsExactly("h1");
        assertThat(facts.tasks().get(1).blocked()).isTrue();
        assertThat(facts.tasks().get(2).inProgress()).isTrue();
        assertThat(facts.tasks().get(2).transitions()).as("unchanged in the window: no transition query").isEmpty();
    }

    @Test
    void aSpaceScopeCoversTheSpacesRegisteredListsAndNeedsTheTeam() {
        MirrorFacts reader = facts(Optional.of("T1"));
        ScopeFacts facts = reader.read(new DigestScope(DigestScope.Kind.SPACE, "S1", "x"), FROM, TO);

        assertThat(facts.listIds()).containsExactly("A", "B");
        assertThat(facts.tasks()).extracting(TaskFact::id).containsExactly("a-done", "b-new", "a-tagged", "a-review");
        assertThatThrownBy(() -> facts(Optional.empty()).read(new DigestScope(DigestScope.Kind.SPACE, "S1", "x"), FROM, TO))
                .hasMessageContaining("sync.digest.team-id");
    }

    private static MirrorFacts facts(Optional<String> team) {
        return new MirrorFacts(membership, mirror, transitions, new DigestConfig() {
            @Override
            public Optional<List<String>> scopes() {
                return Optional.empty();
            }

            @Override
            public Duration window() {
                return Duration.ofHours(24);
            }

            @Override
            public Optional<String> teamId() {
                return team;
            }

            @Override
            public int maxTasks() {
                return 80;
            }

            @Override
            public List<String> blockedMarkers() {
                return List.of("blocked");
            }
        });
    }

    private static void put(TaskSnapshot s) {
        mirror.upsert(s);
        membership.add(s.listId(), List.of(s.id()));
    }

    private static Instant hoursAgo(int hours) {
        return TO.minus(Duration.ofHours(hours));
    }

    private static TaskSnapshot task(String id, String list, String space, String status, String type, Instant updated,
                                     Instant due, List<String> tags) {
        Instant done = "done".equals(type) ? updated : null;
        return new TaskSnapshot(id, null, id, status, type, null, null, List.of(), tags, list, null, space, "T1", null,
                null, updated, null, done, due, null, null, null, null, List.of(), false, false, null);
    }
}
