package dev.clickupsync.digest;

import dev.clickupsync.llm.ChatRequest;
import dev.clickupsync.mirror.Transition;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The versioned prompt: a fixed system message and one user message listing the scope's facts,
 * one line per task. Only structured fields go in (ids, names, statuses, priorities, assignees'
 * names, due dates, flags, status transitions), each cleaned of line breaks, shortened, and passed
 * through the {@link Redactor}. Change {@link #PROMPT_VERSION} with any change of wording or
 * layout: it is part of the command id and of the metrics, so digests stay comparable.
 */
public final class DigestPrompt {
    public static final String PROMPT_VERSION = "standup-v1";
    static final int MAX_TEXT = 120;
    /** Longest summary posted: a model ignoring the bullet limit must not flood the task. */
    static final int MAX_SUMMARY = 8_000;
    static final String SYSTEM = """
            You write a short daily standup digest for a team, from task facts exported from ClickUp.
            Use only the facts given; never invent tasks, people, dates or causes.
            Sections, each only if it has items: Changed, In progress, Blocked, Overdue.
            Name each task with its id in brackets, e.g. "Fix login [86c0aa001]".
            At most 12 bullet points in total, plain text, no preamble, no closing remarks.""";
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final List<ChatRequest.Message> messages;
    private final int tasksListed;

    private DigestPrompt(List<ChatRequest.Message> messages, int tasksListed) {
        this.messages = List.copyOf(messages);
        this.tasksListed = tasksListed;
    }

    /** The prompt for these facts, listing at most {@code maxTasks} tasks (the most important first). */
    static DigestPrompt of(ScopeFacts facts, Redactor redactor, int maxTasks) {
        List<TaskFact> listed = facts.tasks().subList(0, Math.min(Math.max(maxTasks, 0), facts.tasks().size()));
        StringBuilder user = new StringBuilder();
        user.append("Scope: ").append(facts.scope().kind().name().toLowerCase(java.util.Locale.ROOT)).append(' ')
                .append(facts.scope().id()).append('\n');
        user.append("Window: ").append(MINUTE.format(facts.from())).append(" to ").append(MINUTE.format(facts.to()))
                .append(" (UTC)\n");
        user.append("Tasks (").append(listed.size()).append(" of ").append(facts.tasks().size()).append("):\n");
        boolean space = facts.scope().kind() == DigestScope.Kind.SPACE;
        for (TaskFact t : listed) {
            user.append("- id=").append(t.id());
            if (space) {
                user.append(" list=").append(t.listId()); // a space spans lists; the model may group by them
            }
            user.append(" name=\"").append(clean(t.name(), redactor)).append('"')
                    .append(" status=\"").append(clean(t.status(), redactor)).append('"')
                    .append(" priority=").append(t.priority() == null ? "none" : clean(t.priority(), redactor))
                    .append(" assignees=[").append(String.join(", ", t.assignees().stream().map(a -> clean(a, redactor)).toList()))
                    .append(']')
                    .append(" due=").append(t.dueDate() == null ? "none" : DAY.format(t.dueDate()))
                    .append(" flags=[").append(String.join(", ", flags(t))).append("]\n");
            for (Transition tr : t.transitions()) {
                user.append("  transition: \"").append(tr.fromStatus() == null ? "(created)" : clean(tr.fromStatus(), redactor))
                        .append("\" -> \"").append(clean(tr.toStatus(), redactor)).append("\" at ")
                        .append(MINUTE.format(tr.at().truncatedTo(ChronoUnit.MINUTES))).append('\n');
            }
        }
        if (listed.size() < facts.tasks().size()) {
            user.append("(").append(facts.tasks().size() - listed.size()).append(" more tasks not listed)\n");
        }
        return new DigestPrompt(List.of(ChatRequest.Message.system(SYSTEM), ChatRequest.Message.user(user.toString())),
                listed.size());
    }

    public List<ChatRequest.Message> messages() {
        return messages;
    }

    /** How many tasks the prompt lists. */
    public int tasksListed() {
        return tasksListed;
    }

    /** Characters of all messages: what a typical digest costs in prompt size (≈ 4 characters a token). */
    public int characters() {
        return messages.stream().mapToInt(m -> m.content().length()).sum();
    }

    /** The comment posted on the scope's task: a header saying what produced it, then the summary. */
    static String comment(ScopeFacts facts, String summary, String model, Redactor redactor) {
        return "Standup digest for " + facts.scope().kind().name().toLowerCase(java.util.Locale.ROOT) + " "
                + facts.scope().id() + ", " + MINUTE.format(facts.from()) + " to " + MINUTE.format(facts.to()) + "\n\n"
                + shorten(redactor.redact(summary)) + "\n\n(" + facts.tasks().size() + " tasks from the mirror; model " + model
                + ", prompt " + PROMPT_VERSION + ")";
    }

    private static String shorten(String summary) {
        return summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY - 1) + "…";
    }

    static List<String> flags(TaskFact t) {
        List<String> flags = new ArrayList<>();
        if (t.changed()) {
            flags.add("changed");
        }
        if (t.inProgress()) {
            flags.add("in_progress");
        }
        if (t.blocked()) {
            flags.add("blocked");
        }
        if (t.overdue()) {
            flags.add("overdue");
        }
        return flags;
    }

    /** One line, no quotes that would break the layout, at most {@link #MAX_TEXT} characters, secrets masked. */
    static String clean(String text, Redactor redactor) {
        if (text == null) {
            return "";
        }
        String oneLine = redactor.redact(text).replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").replace('"', '\'').strip();
        return oneLine.length() <= MAX_TEXT ? oneLine : oneLine.substring(0, MAX_TEXT - 1) + "…";
    }
}
