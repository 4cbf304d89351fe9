package dev.clickupsync.read;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.clickupsync.read.ReadAccess.Decision.ALLOWED;
import static dev.clickupsync.read.ReadAccess.Decision.DISABLED;
import static dev.clickupsync.read.ReadAccess.Decision.UNAUTHORIZED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may read: ClickUp's header forms, several tokens, disabled and fail-closed. */
class ReadAccessTest {

    @Test
    void acceptsEachTokenBareOrAsBearer() {
        ReadAccess access = new ReadAccess(true, List.of("dashboard-token", "assistant-token"), "/api/v2");

        assertThat(access.check("dashboard-token")).isEqualTo(ALLOWED);
        assertThat(access.check("Bearer assistant-token")).isEqualTo(ALLOWED);
        assertThat(access.check("bearer  dashboard-token ")).isEqualTo(ALLOWED);
        assertThat(access.check("Bearer other")).isEqualTo(UNAUTHORIZED);
        assertThat(access.check("Basic dashboard-token")).isEqualTo(UNAUTHORIZED);
        assertThat(access.check("")).isEqualTo(UNAUTHORIZED);
        assertThat(access.check(null)).isEqualTo(UNAUTHORIZED);
    }

    @Test
    void failsClosedWithoutAnyToken() {
        ReadAccess access = new ReadAccess(true, List.of(), "/api/v2");

        assertThat(access.check("anything")).isEqualTo(UNAUTHORIZED);
        assertThat(access.check(null)).isEqualTo(UNAUTHORIZED);
        assertThat(access.check("Bearer ")).isEqualTo(UNAUTHORIZED);
    }

    @Test
    void disabledIsDisabledWhateverTheToken() {
        ReadAccess access = new ReadAccess(false, List.of("dashboard-token"), "/api/v2");

        assertThat(access.check("dashboard-token")).isEqualTo(DISABLED);
        assertThat(access.check(null)).isEqualTo(DISABLED);
    }

    @Test
    void refusesAPrefixOverTheApplicationsOwnRoutes() {
        assertThatThrownBy(() -> new ReadAccess(true, List.of(), "/admin/v2")).hasMessageContaining("/admin");
        assertThatThrownBy(() -> new ReadAccess(true, List.of(), "/")).hasMessageContaining("sync.read-api.prefix");
        assertThatThrownBy(() -> new ReadAccess(true, List.of(), "api/v2")).hasMessageContaining("sync.read-api.prefix");
        assertThatThrownBy(() -> new ReadAccess(true, List.of(), "/api/v2/")).hasMessageContaining("sync.read-api.prefix");
    }

    private static final Optional<String> IAM_CALLER = Optional.of("arn:aws:sts::123456789012:assumed-role/reporting/etl");

    @Test
    void admitsAnIamCallerWithoutATokenOnlyWhereIamCallersAreAdmitted() {
        ReadAccess iam = new ReadAccess(true, ReadTokens.of(List.of("dashboard-token")), "/api/v2", true);
        ReadAccess tokensOnly = new ReadAccess(true, ReadTokens.of(List.of("dashboard-token")), "/api/v2", false);

        assertThat(iam.check(null, IAM_CALLER)).isEqualTo(ALLOWED);
        assertThat(iam.check("wrong-token", IAM_CALLER)).as("IAM already decided; a stray header does not undo it").isEqualTo(ALLOWED);
        assertThat(iam.check("dashboard-token", Optional.empty())).as("tokens still work beside IAM").isEqualTo(ALLOWED);
        assertThat(iam.check(null, Optional.empty())).isEqualTo(UNAUTHORIZED);
        assertThat(tokensOnly.check(null, IAM_CALLER)).isEqualTo(UNAUTHORIZED);
    }

    @Test
    void iamCallersNeedNoTokensAtAllButTheDisabledApiStaysDisabled() {
        ReadAccess iamOnly = new ReadAccess(true, ReadTokens.of(List.of()), "/api/v2", true);

        assertThat(iamOnly.check(null, IAM_CALLER)).isEqualTo(ALLOWED);
        assertThat(iamOnly.check("anything", Optional.empty())).isEqualTo(UNAUTHORIZED);
        assertThat(new ReadAccess(false, ReadTokens.of(List.of()), "/api/v2", true).check(null, IAM_CALLER)).isEqualTo(DISABLED);
    }
}
