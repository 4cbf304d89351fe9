package dev.clickupsync.digest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clickupsync.testkit.llm.FakeLlm;
import dev.clickupsync.testkit.llm.LlmRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A well-behaved model for {@link FakeLlm#answerWith}: reads the facts block of a digest prompt
 * and answers in the format the prompt asks for, each task by its name as given and its id, with
 * its status as the remark. What a model that follows the instructions (and not the task names)
 * writes, so tests can tell the output check's rejections from its passes.
 */
public final class DigestAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DigestAnswers() {
    }

    /** The facts JSON between the prompt's {@code <facts>} and {@code </facts>} lines. */
    public static JsonNode facts(LlmRequest request) {
        String user = request.content("user");
        List<String> lines = user.lines().toList();
        if (lines.size() < 2 || !lines.get(0).equals("<facts>") || !lines.get(lines.size() - 1).equals("</facts>")) {
            throw new AssertionError("the user message is not one <facts> block: " + user);
        }
        try {
            return JSON.readTree(String.join("\n", lines.subList(1, lines.size() - 1)));
        } catch (IOException e) {
            throw new UncheckedIOException("the facts block is not JSON", e);
        }
    }

    /** A clean digest of the request's facts: sections in the prompt's order, at most 12 bullets. */
    public static String clean(LlmRequest request) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        for (String title : List.of("Changed:", "In progress:", "Blocked:", "Overdue:")) {
            sections.put(title, new ArrayList<>());
        }
        int bullets = 0;
        for (JsonNode task : facts(request).path("tasks")) {
            if (bullets++ == 12) {
                break;
            }
            String flag = task.path("flags").path(0).asText();
            String title = switch (flag) {
                case "in_progress" -> "In progress:";
                case "blocked" -> "Blocked:";
                case "overdue" -> "Overdue:";
                default -> "Changed:";
            };
            sections.get(title).add("- " + task.path("name").asText() + " [" + task.path("id").asText() + "]: "
                    + task.path("status").asText());
        }
        StringBuilder answer = new StringBuilder();
        sections.forEach((title, lines) -> {
            if (!lines.isEmpty()) {
                answer.append(title).append('\n');
                lines.forEach(line -> answer.append(line).append('\n'));
                answer.append('\n');
            }
        });
        return answer.toString().strip();
    }
}
