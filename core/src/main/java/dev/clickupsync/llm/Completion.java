package dev.clickupsync.llm;

import java.time.Duration;

/**
 * A usable answer: its text, the model that answered (as the server names it, else the one
 * asked for), the provider's token counts and how long the call took.
 */
public record Completion(String content, String model, long promptTokens, long completionTokens, Duration latency) {
}
