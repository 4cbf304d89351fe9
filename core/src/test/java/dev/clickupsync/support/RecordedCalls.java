package dev.clickupsync.support;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An SDK interceptor that keeps every request a client sent, to assert what the code asked AWS for. */
public final class RecordedCalls implements ExecutionInterceptor {
    private final List<SdkRequest> requests = new CopyOnWriteArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        requests.add(context.request());
    }

    /** Every request kept, in order. */
    public List<SdkRequest> all() {
        return List.copyOf(requests);
    }

    /** Forgets what was kept, so a test counts only what follows. */
    public void clear() {
        requests.clear();
    }

    public <T extends SdkRequest> List<T> of(Class<T> type) {
        return requests.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
