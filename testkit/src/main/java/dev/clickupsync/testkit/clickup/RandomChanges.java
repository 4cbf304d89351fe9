package dev.clickupsync.testkit.clickup;

import java.time.Instant;
import java.util.Random;

/**
 * The storm workload's change mix, shared by the storm test and the bench so both measure the same
 * thing: mostly status, name, priority, assignee, tag, due-date and estimate changes on the demo
 * workspace's statuses, now and then a move into the closed status.
 */
public final class RandomChanges {
    private static final String[] STATUSES = {"to do", "in progress", "review", "complete"};

    private RandomChanges() {
    }

    /** Adds one random change to {@code c}, drawn from {@code random} (seeded: runs repeat). */
    public static void apply(TaskChange c, Random random) {
        switch (random.nextInt(9)) {
            case 0 -> c.status(STATUSES[random.nextInt(random.nextInt(10) == 0 ? 4 : 3)]);
            case 1 -> c.name("Name " + random.nextInt(1000));
            case 2 -> c.priority(random.nextInt(5) == 0 ? null : 1 + random.nextInt(4));
            case 3 -> c.addAssignee(random.nextBoolean() ? DemoWorkspace.ADA : DemoWorkspace.ALAN);
            case 4 -> c.removeAssignee(random.nextBoolean() ? DemoWorkspace.ADA : DemoWorkspace.ALAN);
            case 5 -> c.addTag("tag" + random.nextInt(4));
            case 6 -> c.dueDate(Instant.parse("2027-01-01T00:00:00Z").plusSeconds(86_400L * random.nextInt(60)));
            case 7 -> c.timeEstimate(3_600_000L * (1 + random.nextInt(8)));
            default -> c.status(STATUSES[random.nextInt(3)]);
        }
    }
}
