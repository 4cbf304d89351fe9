package dev.clickupsync.read;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which paths are read routes, and how another prefix maps onto the resources' /api/v2. */
class ReadPrefixTest {

    @Test
    void defaultPrefixNeedsNoRewrite() {
        ReadPrefix prefix = new ReadPrefix("/api/v2");

        assertThat(prefix.classify("/api/v2/task/abc")).isEqualTo(ReadPrefix.Kind.READ);
        assertThat(prefix.classify("/api/v2")).isEqualTo(ReadPrefix.Kind.READ);
        assertThat(prefix.classify("/api/v20/task")).isEqualTo(ReadPrefix.Kind.OTHER);
        assertThat(prefix.classify("/admin/dlq/redrive")).isEqualTo(ReadPrefix.Kind.OTHER);
        assertThat(prefix.rewrite("/api/v2/task/abc")).isEmpty();
    }

    @Test
    void otherPrefixIsRewrittenAndHidesTheDefault() {
        ReadPrefix prefix = new ReadPrefix("/replica/v2");

        assertThat(prefix.classify("/replica/v2/task/abc")).isEqualTo(ReadPrefix.Kind.READ);
        assertThat(prefix.rewrite("/replica/v2/task/abc/time")).contains("/api/v2/task/abc/time");
        assertThat(prefix.classify("/api/v2/task/abc")).isEqualTo(ReadPrefix.Kind.HIDDEN);
        assertThat(prefix.classify("/replica/v20/task")).isEqualTo(ReadPrefix.Kind.OTHER);
        assertThat(prefix.rewrite("/health")).isEmpty();
    }
}
