package dev.clickupsync.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a command must look like, and that each refusal names its field. */
class CommandValidationTest {

    @Test
    void aCompleteCreateParsesValidatesAndRoundTrips() {
        String json = """
                {"command_id":"c-1","type":"create_task","list_id":"901200100","name":"N","priority":2,
                 "due_date":1767225600000,"assignees":[183],"custom_fields":{"Severity":"High","Points":3,
                 "Areas":["A","B"],"Notes":null,"Done":true}}""";

        Command command = CommandValidator.validate(CommandJson.parse(json));

        assertThat(command.type()).isEqualTo(Command.Type.CREATE_TASK);
        assertThat(command.customFields()).containsKeys("Severity", "Points", "Areas", "Notes", "Done");
        assertThat(CommandJson.parse(CommandJson.write(command))).isEqualTo(command);
        assertThat(CommandJson.write(command)).contains("\"type\":\"create_task\"").doesNotContain("task_id");
    }

    @Test
    void theDigestsCommentIsValid() {
        Command comment = CommandValidator.validate(Command.comment("digest-2026-11-22", "86c0aa001", "Standup: ..."));

        assertThat(CommandJson.parse(CommandJson.write(comment))).isEqualTo(comment);
    }

    @Test
    void aWorkspaceIsOptionalAndAtSubmitMustBeOneOfTheDeployments() {
        Command named = CommandValidator.validate(CommandJson.parse("""
                {"command_id":"c-ws","type":"comment","task_id":"86c0bf001","comment":"hi","workspace":"acme"}"""));

        assertThat(named.workspace()).isEqualTo("acme");
        assertThat(CommandJson.parse(CommandJson.write(named))).isEqualTo(named);
        assertThat(CommandValidator.knownWorkspace(named, List.of("default", "acme"))).isSameAs(named);
        assertThat(CommandValidator.knownWorkspace(named.inWorkspace(null), List.of("default"))).isNotNull();
        assertThatThrownBy(() -> CommandValidator.knownWorkspace(named.inWorkspace("globex"), List.of("default", "acme")))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessage("workspace: no workspace 'globex' in this deployment; known: default, acme");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"comment\",\"task_id\":\"t\",\"comment\":\"x\"}                         | command_id",
            "{\"command_id\":\"a b\",\"type\":\"comment\",\"task_id\":\"t\",\"comment\":\"x\"}  | command_id",
            "{\"command_id\":\"c\",\"task_id\":\"t\"}                                           | type",
            "{\"command_id\":\"c\",\"type\":\"create_task\",\"name\":\"n\"}                     | list_id",
            "{\"command_id\":\"c\",\"type\":\"create_task\",\"list_id\":\"l\"}                  | name",
            "{\"command_id\":\"c\",\"type\":\"create_task\",\"list_id\":\"l\",\"name\":\" \"}   | name",
            "{\"command_id\":\"c\",\"type\":\"create_task\",\"list_id\":\"l\",\"name\":\"n\",\"task_id\":\"t\"} | task_id",
            "{\"command_id\":\"c\",\"type\":\"update_task\",\"name\":\"n\"}                     | task_id",
            "{\"command_id\":\"c\",\"type\":\"update_task\",\"task_id\":\"t\"}                  | body",
            "{\"command_id\":\"c\",\"type\":\"update_task\",\"task_id\":\"t\",\"priority\":5}   | priority",
            "{\"command_id\":\"c\",\"type\":\"update_task\",\"task_id\":\"t\",\"due_date\":-1}  | due_date",
            "{\"command_id\":\"c\",\"type\":\"update_task\",\"task_id\":\"t\",\"assignees\":[0]} | assignees",
            "{\"command_id\":\"c\",\"type\":\"update_task\",\"task_id\":\"t/../x\",\"name\":\"n\"} | task_id",
            "{\"command_id\":\"c\",\"type\":\"update_task\",\"task_id\":\"t\",\"custom_fields\":{\"F\":{\"a\":1}}} | custom_fields.F",
            "{\"command_id\":\"c\",\"type\":\"update_task\",\"task_id\":\"t\",\"custom_fields\":{\"F\":[{}]}} | custom_fields.F",
            "{\"command_id\":\"c\",\"type\":\"comment\",\"task_id\":\"t\"}                      | comment",
            "{\"command_id\":\"c\",\"type\":\"comment\",\"task_id\":\"t\",\"comment\":\"x\",\"name\":\"n\"} | body",
            "{\"command_id\":\"c\",\"type\":\"comment\",\"task_id\":\"t\",\"comment\":\"x\",\"extra\":1} | extra",
            "{\"command_id\":\"c\",\"type\":\"delete_task\",\"task_id\":\"t\"}                  | type",
            "{\"command_id\":\"c\",\"type\":\"comment\",\"task_id\":\"t\",\"comment\":\"x\",\"workspace\":\"Acme\"} | workspace",
            "{\"command_id\":\"c\",\"type\":\"comment\",\"task_id\":\"t\",\"comment\":\"x\",\"workspace\":\"a-b\"} | workspace",
            "{\"command_id\":\"c\",\"type\":\"comment\",\"task_id\":\"t\",\"comment\":\"x\",\"workspace\":7} | workspace",
            "{\"command_id\":\"c\",\"type\":\"update_task\",\"task_id\":\"t\",\"priority\":\"high\"} | priority",
            "{\"command_id\":\"c\",\"type\":\"update_task\",\"task_id\":\"t\",\"assignees\":[\"ada\"]} | assignees[0]",
            "[1,2]                                                                              | body",
            "not json                                                                           | body"})
    void eachRefusalNamesItsField(String json, String field) {
        assertThatThrownBy(() -> CommandValidator.validate(CommandJson.parse(json.trim())))
                .isInstanceOfSatisfying(InvalidCommandException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).startsWith(field + ": ");
                });
    }

    @Test
    void aSubmitterRefusesAMalformedCommandAsAnIllegalArgument() {
        assertThatThrownBy(() -> CommandValidator.validate(Command.comment("ok", "86c0aa001", " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("comment: is required and must not be blank");
    }
}
