package dev.clickupsync.store;

import dev.clickupsync.infra.Provisioner;
import dev.clickupsync.mirror.TaskSnapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import dev.clickupsync.support.DynaliteTable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The mirror's task ids per list (what the deletion sweep compares) and the registry of lists. */
class ListMembershipTest {
    private static final String MIRROR = "membership-test-mirror";
    @RegisterExtension
    static final DynaliteTable DYNALITE = new DynaliteTable(MIRROR);
    private static final String CONTROL = "membership-test-control";
    private static DynamoDbClient dynamo;
    private static ListMembership membership;

    @BeforeAll
    static void startDynamo() {
        dynamo = DYNALITE.dynamo();
        new Provisioner(dynamo, null).ensureTable(CONTROL);
        membership = new ListMembership(dynamo, MIRROR, CONTROL);
    }

    @Test
    void recordsSnapshotsPerListAndRegistersTheirLists() {
        String team = "team-" + UUID.randomUUID();
        String list = "list-" + UUID.randomUUID();
        List<TaskSnapshot> snapshots = new ArrayList<>();
        for (int i = 0; i < 60; i++) { // more than one BatchWriteItem (25)
            snapshots.add(snapshot("t" + i, list, team, false));
        }
        snapshots.add(snapshot("gone", list, team, true));

        membership.record(TaskSnapshot.placements(snapshots));
        membership.record(TaskSnapshot.placements(snapshots.subList(0, 3))); // idempotent

        assertThat(membership.taskIds(list)).hasSize(60).doesNotContain("gone");
        assertThat(membership.lists(team)).singleElement()
                .satisfies(l -> {
                    assertThat(l.listId()).isEqualTo(list);
                    assertThat(l.spaceId()).isEqualTo("space-1");
                    assertThat(l.lastSweepAt()).isNull();
                });
    }

    @Test
    void removesIdsAndRemembersSweeps() {
        String team = "team-" + UUID.randomUUID();
        String list = "list-" + UUID.randomUUID();
        membership.add(list, List.of("a", "b", "c", "a"));
        membership.remove(list, List.of("b", "zzz"));
        assertThat(membership.taskIds(list)).containsExactlyInAnyOrder("a", "c");

        Instant at = Instant.parse("2026-05-01T00:00:00Z");
        membership.swept(team, list, at);
        assertThat(membership.lists(team)).singleElement()
                .satisfies(l -> assertThat(l.lastSweepAt()).isEqualTo(at));
        membership.register(team, list, "space-9");
        assertThat(membership.lists(team).get(0).lastSweepAt()).as("registering keeps the sweep time").isEqualTo(at);
    }

    private static TaskSnapshot snapshot(String id, String list, String team, boolean deleted) {
        return new TaskSnapshot(id, null, id, "to do", "open", null, null, List.of(), List.of(), list, "folder-1",
                "space-1", team, null, null, Instant.parse("2026-01-01T00:00:00Z"), null, null, null, null, null, null,
                null, List.of(), false, deleted, null);
    }
}
