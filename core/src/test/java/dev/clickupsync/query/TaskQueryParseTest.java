package dev.clickupsync.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clickupsync.query.QueryException.Kind;
import dev.clickupsync.query.TaskQuery.Order;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Query parameters as ClickUp clients send them, and the refusals the HTTP side turns into 400. */
class TaskQueryParseTest {

    @Test
    void noParametersAreClickUpsDefaults() {
        TaskQuery q = TaskQuery.parse(Scope.list("1"), Map.of());

        assertThat(q.orderBy()).isEqualTo(Order.CREATED);
        assertThat(q.page()).isZero();
        assertThat(q.reverse() || q.archived() || q.includeClosed() || q.subtasks()).isFalse();
        assertThat(q.hasFilters()).isFalse();
    }

    @Test
    void readsEveryParameterInBothArraySpellings() {
        TaskQuery q = TaskQuery.parse(Scope.team("9"), Map.ofEntries(
                Map.entry("order_by", List.of("Due_Date")), Map.entry("reverse", List.of("TRUE")),
                Map.entry("page", List.of("3")), Map.entry("archived", List.of("false")),
                Map.entry("include_closed", List.of("true")), Map.entry("subtasks", List.of("true")),
                Map.entry("statuses[]", List.of("In Progress", "to do")), Map.entry("statuses", List.of("review")),
                Map.entry("assignees[]", List.of("183", " 184")), Map.entry("tags", List.of("Bug")),
                Map.entry("due_date_gt", List.of("1.7e12")), Map.entry("date_created_lt", List.of("1767225600000")),
                Map.entry("date_updated_gt", List.of("5")), Map.entry("date_done_lt", List.of("6")),
                Map.entry("space_ids[]", List.of("s1")), Map.entry("project_ids[]", List.of("f1")),
                Map.entry("list_ids[]", List.of("l1", "l2")), Map.entry("parent", List.of("abc")),
                Map.entry("include_markdown_description", List.of("True")),
                Map.entry("custom_items[]", List.of("0", " 1300")),
                Map.entry("custom_fields", List.of("[{\"field_id\":\"f\",\"operator\":\">=\",\"value\":3}]"))));

        assertThat(q.orderBy()).isEqualTo(Order.DUE_DATE);
        assertThat(q.reverse()).isTrue();
        assertThat(q.page()).isEqualTo(3);
        assertThat(q.statuses()).containsExactlyInAnyOrder("in progress", "to do", "review");
        assertThat(q.assignees()).containsExactlyInAnyOrder(183L, 184L);
        assertThat(q.tags()).containsExactly("bug");
        assertThat(q.dueDate()).isEqualTo(new TaskQuery.Range(1_700_000_000_000L, null));
        assertThat(q.dateCreated().lt()).isEqualTo(1_767_225_600_000L);
        assertThat(q.scope().listIds()).isEqualTo(Set.of("l1", "l2"));
        assertThat(q.scope().spaceIds()).isEqualTo(Set.of("s1"));
        assertThat(q.scope().folderIds()).isEqualTo(Set.of("f1"));
        assertThat(q.parent()).isEqualTo("abc");
        assertThat(q.customItems()).containsExactlyInAnyOrder(0L, 1300L);
        assertThat(q.customFields()).singleElement().extracting(FieldFilter::operator).isEqualTo(">=");
        assertThat(q.markdownDescription()).isTrue();
    }

    @Test
    void markdownDescriptionShapesTheAnswerNotTheTasksAndKeysItApart() {
        TaskQuery plain = TaskQuery.parse(Scope.team("9"), Map.of("include_markdown_description", List.of("false")));
        TaskQuery markdown = TaskQuery.parse(Scope.team("9"), Map.of("include_markdown_description", List.of("TRUE")));

        assertThat(markdown.hasFilters()).isFalse();
        assertThat(plain.markdownDescription()).isFalse();
        assertThat(markdown.markdownDescription()).isTrue();
        assertThat(markdown).as("the page cache's key keeps the two shapes apart").isNotEqualTo(plain);
        assertThat(plain).isEqualTo(TaskQuery.parse(Scope.team("9"), Map.of()));
        refused(Scope.list("1"), "include_markdown_description", "yes", Kind.MALFORMED);
    }

    @Test
    void rejectsAnUnknownParameterByName() {
        refused(Scope.list("1"), "colour", "red", Kind.UNKNOWN);
        refused(Scope.list("1"), "list_ids[]", "1", Kind.UNKNOWN);
    }

    @Test
    void rejectsWhatTheMirrorCannotAnswerRatherThanIgnoringIt() {
        refused(Scope.list("1"), "watchers[]", "183", Kind.UNSUPPORTED);
        refused(Scope.list("1"), "include_timl", "true", Kind.UNSUPPORTED);
        refused(Scope.list("1"), "custom_field", "[]", Kind.UNSUPPORTED);
        assertThat(TaskQuery.parse(Scope.list("1"), Map.of("include_timl", List.of("false"))).hasFilters()).isFalse();
        assertThat(TaskQuery.parse(Scope.list("1"), Map.of("include_markdown_description", List.of("false"))).hasFilters())
                .isFalse();
    }

    @Test
    void rejectsMalformedValuesNamingTheParameter() {
        refused(Scope.list("1"), "reverse", "yes", Kind.MALFORMED);
        refused(Scope.list("1"), "archived", "1", Kind.MALFORMED);
        refused(Scope.list("1"), "page", "-1", Kind.MALFORMED);
        refused(Scope.list("1"), "page", "two", Kind.MALFORMED);
        refused(Scope.list("1"), "order_by", "name", Kind.MALFORMED);
        refused(Scope.list("1"), "due_date_gt", "yesterday", Kind.MALFORMED);
        refused(Scope.list("1"), "date_done_lt", "NaN", Kind.MALFORMED);
        refused(Scope.list("1"), "assignees[]", "ada", Kind.MALFORMED);
        refused(Scope.list("1"), "custom_items[]", "x", Kind.MALFORMED);
        refused(Scope.list("1"), "custom_items[]", "-1", Kind.MALFORMED);
        refused(Scope.list("1"), "custom_fields", "[{\"field_id\":", Kind.MALFORMED);
        refused(Scope.list("1"), "custom_fields", "{\"field_id\":\"f\"}", Kind.MALFORMED);
        refused(Scope.list("1"), "custom_fields", "[{\"field_id\":\"f\",\"operator\":\"LIKE\",\"value\":1}]", Kind.MALFORMED);
        refused(Scope.list("1"), "custom_fields", "[{\"field_id\":\"f\",\"operator\":\"RANGE\",\"value\":[1]}]", Kind.MALFORMED);
        refused(Scope.list("1"), "custom_fields", "[{\"field_id\":\"f\",\"operator\":\"ANY\",\"value\":1}]", Kind.MALFORMED);
        refused(Scope.list("1"), "custom_fields", "[{\"field_id\":\"f\",\"operator\":\"=\"}]", Kind.MALFORMED);
    }

    private static void refused(Scope scope, String name, String value, Kind kind) {
        String bare = name.endsWith("[]") ? name.substring(0, name.length() - 2) : name;
        assertThatThrownBy(() -> TaskQuery.parse(scope, Map.of(name, List.of(value))))
                .isInstanceOfSatisfying(QueryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.parameter()).isIn(name, bare);
                    assertThat(e.getMessage()).contains(bare);
                });
    }
}
