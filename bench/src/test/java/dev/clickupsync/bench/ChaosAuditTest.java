package dev.clickupsync.bench;

import dev.clickupsync.mirror.Transition;
import dev.clickupsync.mirror.TransitionStore;
import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeWorkspace;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The chaos audit can fail: each way of losing or doubling an event is counted. No emulators needed. */
class ChaosAuditTest {
    private final FakeWorkspace workspace = FakeWorkspace.demo();
    private final WebhookDelivery status = workspace.updateTask(DemoWorkspace.TASK_LOGIN_BUG, c -> c.status("review")).get(0);
    private final WebhookDelivery name = workspace.updateTask(DemoWorkspace.TASK_LOGIN_BUG, c -> c.name("Renamed")).get(0);
    private final WebhookDelivery other = workspace.updateTask(DemoWorkspace.TASK_RELEASE_NOTES, c -> c.name("Other")).get(0);
    private final List<String> tasks = List.of(DemoWorkspace.TASK_LOGIN_BUG, DemoWorkspace.TASK_RELEASE_NOTES);

    @Test
    void aCompletedEventWithItsTransitionIsApplied() {
        ChaosAudit.Counts counts = ChaosAudit.count(List.of(status, name, status), completed(status, name), List.of(),
                transitions(statusTransition()), tasks, 0);

        assertThat(counts.acknowledgedEvents()).as("a second copy is the same event").isEqualTo(2);
        assertThat(counts.applied()).isEqualTo(2);
        assertThat(counts.lost()).isZero();
        assertThat(counts.appliedTwice()).isZero();
    }

    @Test
    void anAcknowledgedEventNeitherCompletedNorParkedWithAReasonIsLost() {
        ChaosAudit.Counts counts = ChaosAudit.count(List.of(status, name, other), completed(status),
                List.of(new ChaosAudit.Parked(ChaosAudit.key(name), "clickup_server_error"),
                        new ChaosAudit.Parked(ChaosAudit.key(other), null)),
                transitions(statusTransition()), tasks, 0);

        assertThat(counts.parkedWithReason()).isEqualTo(1);
        assertThat(counts.lostEvents()).as("moved to the DLQ without a reason: nobody knows why").isEqualTo(1);
    }

    @Test
    void aCompletedStatusChangeWithoutItsTransitionIsLost() {
        ChaosAudit.Counts counts = ChaosAudit.count(List.of(status), completed(status), List.of(), transitions(), tasks, 0);

        assertThat(counts.lostEvents()).isZero();
        assertThat(counts.lostTransitions()).isEqualTo(1);
    }

    @Test
    void aKeyCompletedTwiceAndATransitionStoredTwiceAreAppliedTwice() {
        Map<String, AtomicInteger> completions = completed(status, name);
        completions.get(ChaosAudit.key(name)).incrementAndGet();
        Transition first = statusTransition();
        Transition again = new Transition(first.taskId(), first.historyId(), first.fromStatus(), first.fromType(),
                first.toStatus(), first.toType(), first.at().plusMillis(1), first.byUserId());

        ChaosAudit.Counts counts = ChaosAudit.count(List.of(status, name), completions, List.of(), transitions(first, again),
                tasks, 0);

        assertThat(counts.completedTwice()).isEqualTo(1);
        assertThat(counts.transitionsTwice()).isEqualTo(1);
        assertThat(counts.appliedTwice()).isEqualTo(2);
    }

    @Test
    void aDroppedStatusChangeCountsAsRestoredOnlyWhenTheSameStatusWasEnteredWithinASecond() {
        long at = status.json().path("history_items").get(0).path("date").asLong();
        Transition restored = Transition.restored(DemoWorkspace.TASK_LOGIN_BUG, "to do", "open", "REVIEW", "custom",
                Instant.ofEpochMilli(at + 800));
        Transition tooLate = Transition.restored(DemoWorkspace.TASK_LOGIN_BUG, "to do", "open", "review", "custom",
                Instant.ofEpochMilli(at + 1_500));
        Transition otherStatus = Transition.restored(DemoWorkspace.TASK_LOGIN_BUG, "to do", "open", "complete", "closed",
                Instant.ofEpochMilli(at));

        assertThat(ChaosAudit.missingTransitions(List.of(status, name), transitions())).isEqualTo(1);
        assertThat(ChaosAudit.missingTransitions(List.of(status), transitions(restored))).isZero();
        assertThat(ChaosAudit.missingTransitions(List.of(status), transitions(statusTransition()))).as("the webhook's own").isZero();
        assertThat(ChaosAudit.missingTransitions(List.of(status), transitions(tooLate, otherStatus))).isEqualTo(1);
    }

    @Test
    void aListEventKeyedPerDeliveryIsAppliedWhenAnyOfItsDeliveriesCompleted() {
        WebhookDelivery renamed = workspace.renameList(DemoWorkspace.LIST_ID, "Renamed list").get(0);
        Map<String, AtomicInteger> completions = new HashMap<>();
        completions.put("dlv:first", new AtomicInteger(1));
        completions.put("dlv:second", new AtomicInteger(1));

        ChaosAudit.Counts counts = ChaosAudit.count(List.of(renamed, renamed), completions,
                key -> key.startsWith("dlv:") ? ChaosAudit.key(renamed) : key, List.of(), transitions(), tasks, 0, key -> "-");
        ChaosAudit.Counts unmapped = ChaosAudit.count(List.of(renamed), completions, List.of(), transitions(), tasks, 0);

        assertThat(counts.applied()).isEqualTo(1);
        assertThat(counts.lost()).isZero();
        assertThat(counts.appliedTwice()).as("each delivery completes a key of its own, once").isZero();
        assertThat(unmapped.lostEvents()).as("without the mapping the audit would call it lost").isEqualTo(1);
    }

    @Test
    void aMissingVisitCountsAsNotShownUnlessTimeInStatusGivesItsEntry() {
        dev.clickupsync.testkit.MutableClock clock = new dev.clickupsync.testkit.MutableClock(1_760_000_000_000L);
        FakeWorkspace ws = FakeWorkspace.demo(clock);
        String task = DemoWorkspace.TASK_LOGIN_BUG;
        Instant first = dateOf(ws.updateTask(task, c -> c.status("review")).get(0));
        clock.advance(java.time.Duration.ofMinutes(1));
        ws.updateTask(task, c -> c.status("to do"));
        clock.advance(java.time.Duration.ofMinutes(1));
        Instant second = dateOf(ws.updateTask(task, c -> c.status("review")).get(0));
        clock.advance(java.time.Duration.ofMinutes(1));
        ws.updateTask(task, c -> c.status("complete"));
        Transition firstVisit = Transition.restored(task, null, null, "review", null, first);
        Transition secondVisit = Transition.restored(task, null, null, "review", null, second);

        assertThat(ChaosAudit.notShownByTimeInStatus(List.of(firstVisit), ws::timeInStatusJson)).isZero();
        assertThat(ChaosAudit.notShownByTimeInStatus(List.of(firstVisit, secondVisit), ws::timeInStatusJson)).isEqualTo(1);
    }

    private static Instant dateOf(WebhookDelivery d) {
        return Instant.ofEpochMilli(d.json().path("history_items").get(0).path("date").asLong());
    }

    @Test
    void aSectionIsReplacedInPlaceAndTheRestOfTheReportKept() {
        String report = "# r\n\n## 5. Five\nfive\n\n## 6. Chaos\nold\n\n## 7. Fuzz\nseven\n";

        String spliced = Report.replaceSection(report, "## 6. ", "## 6. Chaos\nnew\n\n");

        assertThat(spliced).isEqualTo("# r\n\n## 5. Five\nfive\n\n## 6. Chaos\nnew\n\n## 7. Fuzz\nseven\n");
        assertThat(Report.replaceSection("# r\n", "## 6. ", "## 6. Chaos\nnew\n")).endsWith("## 6. Chaos\nnew\n");
    }

    private static Map<String, AtomicInteger> completed(WebhookDelivery... deliveries) {
        Map<String, AtomicInteger> completions = new HashMap<>();
        for (WebhookDelivery d : deliveries) {
            completions.put(ChaosAudit.key(d), new AtomicInteger(1));
        }
        return completions;
    }

    private Transition statusTransition() {
        String historyId = status.json().path("history_items").get(0).path("id").asText();
        return new Transition(DemoWorkspace.TASK_LOGIN_BUG, historyId, "to do", "open", "review", "custom",
                Instant.parse("2026-01-01T00:00:00Z"), null);
    }

    /** A store answering from memory: the audit only reads. */
    private static TransitionStore transitions(Transition... stored) {
        return new TransitionStore(null, "unused") {
            @Override
            public List<Transition> forTask(String taskId) {
                List<Transition> mine = new ArrayList<>();
                for (Transition t : stored) {
                    if (t.taskId().equals(taskId)) {
                        mine.add(t);
                    }
                }
                return mine;
            }
        };
    }
}
