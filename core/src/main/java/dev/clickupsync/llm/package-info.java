/**
 * A minimal OpenAI-compatible chat-completions client: {@code POST {base-url}/chat/completions},
 * as OpenAI and most hosted providers serve it, and as local servers do (llama.cpp's
 * {@code llama-server} at {@code http://host:8080/v1}, Ollama at {@code http://host:11434/v1}).
 *
 * <h2>Why the Quarkus REST client and not quarkus-langchain4j</h2>
 * {@code io.quarkiverse.langchain4j:quarkus-langchain4j-openai:1.10.0} was tried with this build
 * (Quarkus 3.34.2, 2026-11-22): it resolves, is Java 17 bytecode, builds the drain artifact, boots
 * without a key at build or run time and starts no Dev Services. It was not taken because:
 * <ul>
 *   <li>the drain {@code function.zip} grew from 31.5 MB to 38.2 MB (+21 %), mostly libraries the
 *       digest never calls: {@code opennlp-tools} (1.4 MB), {@code jtokkit} tokenizer vocabularies
 *       (3.2 MB), Qute, the AI-service/tool/guardrail machinery and its Dev UI classes; each of them
 *       also goes into the native image and the JVM cold start;</li>
 *   <li>its configuration lives under {@code quarkus.langchain4j.openai.*}, outside this project's
 *       documented {@code @ConfigMapping}s, SSM secret mechanism and template check;</li>
 *   <li>its client retries on its own, while the digest wants exactly one attempt per run (a
 *       failed run is left to the next one, which is what keeps "never half-posted" simple).</li>
 * </ul>
 * The digest needs one request shape and four response fields (content, model, prompt and
 * completion tokens), which {@link dev.clickupsync.llm.ChatCompletionsApi} declares the same way
 * {@code clickup.ClickUpApi} declares ClickUp: no runtime reflection beyond the
 * {@code @RegisterForReflection} records, native-ready.
 */
package dev.clickupsync.llm;
