package dev.clickupsync.clickup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ClickUp's error answers, as its documentation lists them, mapped to what callers act on. */
class ClickUpErrorMapperTest {

    @Test
    void unauthorizedIsAnAuthenticationFailure() {
        ClickUpException e = ClickUpErrorMapper.map(401, "OAUTH_025", "Oauth token not found");

        assertThat(e).isExactlyInstanceOf(ClickUpException.Authentication.class);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.ecode()).isEqualTo("OAUTH_025");
        assertThat(e.retryable()).isFalse();
        assertThat(e.reason()).isEqualTo("clickup_authentication");
    }

    @ParameterizedTest
    @CsvSource(value = {"OAUTH_017", "OAUTH_019", "OAUTH_023", "NULL"}, nullValues = "NULL")
    void every401IsAnAuthenticationFailure(String ecode) {
        assertThat(ClickUpErrorMapper.map(401, ecode, null)).isExactlyInstanceOf(ClickUpException.Authentication.class);
    }

    @Test
    void teamNotAuthorizedIsItsOwnFailureMode() {
        ClickUpException e = ClickUpErrorMapper.map(401, "OAUTH_027", "Team not authorized");

        assertThat(e).isExactlyInstanceOf(ClickUpException.WorkspaceNotAuthorized.class);
        assertThat(e.retryable()).isFalse();
        assertThat(e.reason()).isEqualTo("clickup_workspace_not_authorized");
    }

    @Test
    void oauthCodeOnA400IsNotAnAuthenticationFailure() {
        // ClickUp answers 400 OAUTH_171 "Webhook already exists": no auth alarm for that.
        ClickUpException e = ClickUpErrorMapper.map(400, "OAUTH_171", "Webhook already exists");

        assertThat(e).isNotInstanceOf(ClickUpException.Authentication.class)
                .isExactlyInstanceOf(ClickUpException.Validation.class);
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void notFoundIsNotFound() {
        ClickUpException e = ClickUpErrorMapper.map(404, "ITEM_013", "Task not found, deleted");

        assertThat(e).isExactlyInstanceOf(ClickUpException.NotFound.class);
        assertThat(e.ecode()).isEqualTo("ITEM_013");
        assertThat(e.retryable()).isFalse();
        assertThat(e.reason()).isEqualTo("clickup_not_found");
    }

    @Test
    void tooManyRequestsIsRateLimitedAndRetryable() {
        ClickUpException e = ClickUpErrorMapper.map(429, "APP_002", "Rate limit reached");

        assertThat(e).isExactlyInstanceOf(ClickUpException.RateLimited.class);
        assertThat(e.retryable()).isTrue();
        assertThat(e.reason()).isEqualTo("clickup_rate_limited");
        assertThat(((ClickUpException.RateLimited) e).resetEpochMillis()).isEmpty();
        assertThat(ClickUpErrorMapper.map(429, null, null)).isExactlyInstanceOf(ClickUpException.RateLimited.class);
    }

    @Test
    void rateLimitedCarriesTheResetTime() {
        ClickUpException e = ClickUpErrorMapper.map(429, null, null, OptionalLong.of(1_760_000_060_000L));

        assertThat(((ClickUpException.RateLimited) e).resetEpochMillis()).hasValue(1_760_000_060_000L);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 599})
    void serverErrorsAreRetryable(int status) {
        ClickUpException e = ClickUpErrorMapper.map(status, null, null);

        assertThat(e).isExactlyInstanceOf(ClickUpException.Server.class);
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.retryable()).isTrue();
        assertThat(e.reason()).isEqualTo("clickup_server_error");
    }

    @ParameterizedTest
    @CsvSource(value = {"400,INPUT_005", "400,NULL", "422,NULL", "422,FIELD_033"}, nullValues = "NULL")
    void invalidRequestsAreValidationErrorsNotRetryable(int status, String ecode) {
        ClickUpException e = ClickUpErrorMapper.map(status, ecode, "bad request");

        assertThat(e).isExactlyInstanceOf(ClickUpException.Validation.class);
        assertThat(e.retryable()).isFalse();
        assertThat(e.status()).isEqualTo(status);
    }

    @ParameterizedTest
    @CsvSource(value = {"403,ACCESS_083", "409,NULL", "418,TEAPOT_1"}, nullValues = "NULL")
    void otherClientErrorsAreThePlainExceptionNotRetryable(int status, String ecode) {
        ClickUpException e = ClickUpErrorMapper.map(status, ecode, "refused");

        assertThat(e).isExactlyInstanceOf(ClickUpException.class);
        assertThat(e.retryable()).isFalse();
        assertThat(e.reason()).isEqualTo("clickup_error");
    }

    @Test
    void unknownEcodeIsKeptVerbatim() {
        ClickUpException e = ClickUpErrorMapper.map(403, "BRAND_NEW_123", "Something new");

        assertThat(e.ecode()).isEqualTo("BRAND_NEW_123");
        assertThat(e.getMessage()).contains("BRAND_NEW_123").contains("Something new").contains("403");
    }

    @Test
    void messageIsBuiltFromStatusCodeAndTextOnly() {
        ClickUpException e = ClickUpErrorMapper.map(401, "OAUTH_025", "Oauth token not found");
        ClickUpException bare = ClickUpErrorMapper.map(500, null, null);

        assertThat(e.getMessage()).isEqualTo("ClickUp answered 401 OAUTH_025: Oauth token not found");
        assertThat(bare.getMessage()).isEqualTo("ClickUp answered 500");
        assertThat(e.getMessage()).doesNotContainPattern("pk_[0-9]+_[A-Z0-9]+").doesNotContain("Bearer");
    }

    @Test
    void mapperHandlesEveryErrorStatusAndNothingElse() {
        ClickUpErrorMapper mapper = new ClickUpErrorMapper();

        assertThat(mapper.handles(400, null)).isTrue();
        assertThat(mapper.handles(599, null)).isTrue();
        assertThat(mapper.handles(399, null)).isFalse();
        assertThat(mapper.handles(200, null)).isFalse();
        assertThat(mapper.handles(304, null)).isFalse();
    }
}
