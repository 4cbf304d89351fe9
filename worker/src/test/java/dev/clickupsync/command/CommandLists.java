package dev.clickupsync.command;

import dev.clickupsync.testkit.clickup.DemoWorkspace;
import dev.clickupsync.testkit.clickup.FakeCustomField;
import dev.clickupsync.testkit.clickup.FakeCustomField.Option;
import dev.clickupsync.testkit.clickup.FakeWorkspace;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh list per test in the fake workspace, with one custom field of every type commands set, so
 * each test starts with nothing cached for its list. Field and option ids are random (as ClickUp's).
 */
record CommandLists(String listId, String notes, String estimate, String severity, String low, String high,
                    String areas, String backend, String frontend, String launch, String reviewers) {
    private static final AtomicInteger NEXT = new AtomicInteger();

    static CommandLists create(FakeWorkspace ws) {
        CommandLists l = new CommandLists("9012009" + String.format("%02d", NEXT.incrementAndGet()), id(), id(), id(), id(),
                id(), id(), id(), id(), id(), id());
        ws.addList(l.listId, DemoWorkspace.FOLDER_ID, "Commands " + l.listId, DemoWorkspace.STATUSES)
                .addCustomField(l.listId, FakeCustomField.text(l.notes, "Notes"))
                .addCustomField(l.listId, FakeCustomField.number(l.estimate, "Estimate"))
                .addCustomField(l.listId, FakeCustomField.dropDown(l.severity, "Severity",
                        new Option(l.low, "Low", "#2ecd6f", 0), new Option(l.high, "High", "#ff7800", 1)))
                .addCustomField(l.listId, FakeCustomField.labels(l.areas, "Areas",
                        new Option(l.backend, "Backend", "#7c4dff", 0), new Option(l.frontend, "Frontend", "#00b8d4", 1)))
                .addCustomField(l.listId, FakeCustomField.date(l.launch, "Launch"))
                .addCustomField(l.listId, FakeCustomField.users(l.reviewers, "Reviewers"));
        return l;
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
