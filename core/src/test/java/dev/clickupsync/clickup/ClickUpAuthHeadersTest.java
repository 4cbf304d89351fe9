package dev.clickupsync.clickup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClickUpAuthHeadersTest {

    @Test
    void personalTokenGoesAsItIs() {
        assertThat(ClickUpAuthHeaders.authorization("pk_0_fake-test-token"))
                .isEqualTo("pk_0_fake-test-token");
    }

    @Test
    void bearerTokenGoesAsItIs() {
        assertThat(ClickUpAuthHeaders.authorization("Bearer 2772463_abcdef")).isEqualTo("Bearer 2772463_abcdef");
    }

    @Test
    void bareOauthTokenGetsBearerPrefix() {
        assertThat(ClickUpAuthHeaders.authorization("2772463_abcdef0123456789")).isEqualTo("Bearer 2772463_abcdef0123456789");
    }

    @Test
    void surroundingWhitespaceFromTheEnvironmentIsTrimmed() {
        assertThat(ClickUpAuthHeaders.authorization("  pk_1_X\n")).isEqualTo("pk_1_X");
        assertThat(ClickUpAuthHeaders.authorization("\t2772463_abc \n")).isEqualTo("Bearer 2772463_abc");
    }

    @Test
    void prefixMustMatchExactly() {
        // "pk" without the underscore, or a token merely containing "Bearer", is an OAuth token.
        assertThat(ClickUpAuthHeaders.authorization("pkABC")).isEqualTo("Bearer pkABC");
        assertThat(ClickUpAuthHeaders.authorization("xBearer y")).isEqualTo("Bearer xBearer y");
    }
}
