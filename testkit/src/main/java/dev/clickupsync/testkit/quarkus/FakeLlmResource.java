package dev.clickupsync.testkit.quarkus;

import dev.clickupsync.testkit.llm.FakeLlm;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A Quarkus test resource that starts a {@link FakeLlm} requiring {@link #API_KEY} and points the
 * digest's chat-completions client at it ({@code sync.digest.llm.*}). Test classes receive it in a
 * field of type {@link FakeLlm}.
 */
public class FakeLlmResource implements QuarkusTestResourceLifecycleManager {
    /** The key the fake demands; tests check it never reaches a prompt or a log line. */
    public static final String API_KEY = "sk-fake-llm-key-0123456789abcdef";
    public static final String MODEL = "fake-standup-model";

    private FakeLlm llm;

    @Override
    public Map<String, String> start() {
        llm = FakeLlm.builder().apiKey(API_KEY).start();
        return Map.of(
                "sync.digest.llm.base-url", llm.baseUrl(),
                "sync.digest.llm.api-key", API_KEY,
                "sync.digest.llm.model", MODEL);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(llm, new TestInjector.MatchesType(FakeLlm.class));
    }

    @Override
    public void stop() {
        if (llm != null) {
            llm.close();
        }
    }
}
