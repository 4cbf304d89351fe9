package dev.clickupsync.testkit.llm;

import java.time.Instant;
import java.util.List;

/**
 * One chat-completions request the fake received. The API key is never kept: {@code authorization}
 * says only how the caller authenticated ("none" or "bearer") and {@code keyAccepted} whether the
 * key was the one the fake expects (always true when it expects none).
 *
 * @param model    the {@code model} field as sent
 * @param messages the {@code messages}, role and content, in order
 * @param body     the raw request body (UTF-8), for assertions on fields this record does not parse
 * @param answer   how the fake answered: the HTTP status, or 0 when the client went away first
 */
public record LlmRequest(Instant time, String path, String model, List<Message> messages, String authorization,
                         boolean keyAccepted, String body, int answer) {

    public LlmRequest {
        messages = List.copyOf(messages);
    }

    /** One chat message. */
    public record Message(String role, String content) {
    }

    /** Every message's content joined by newlines: the whole prompt as the model would see it. */
    public String promptText() {
        StringBuilder text = new StringBuilder();
        for (Message m : messages) {
            text.append(m.content()).append('\n');
        }
        return text.toString();
    }

    /** The content of the first message with this role, or null. */
    public String content(String role) {
        return messages.stream().filter(m -> role.equals(m.role())).map(Message::content).findFirst().orElse(null);
    }

    LlmRequest answered(int status) {
        return new LlmRequest(time, path, model, messages, authorization, keyAccepted, body, status);
    }
}
