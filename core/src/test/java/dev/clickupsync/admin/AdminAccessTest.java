package dev.clickupsync.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clickupsync.admin.AdminAccess.Decision;
import java.util.Optional;
import dev.clickupsync.http.GatewayCaller;
import org.junit.jupiter.api.Test;

/** Who may call the admin API: the enable switch first, then the bearer token. */
class AdminAccessTest {
    private static final String TOKEN = "s3cret-admin-token";
    private final AdminAccess guarded = new AdminAccess(true, Optional.of(TOKEN));

    @Test
    void disabledRefusesEveryoneEvenWithTheToken() {
        AdminAccess off = new AdminAccess(false, Optional.of(TOKEN));

        assertThat(off.check("Bearer " + TOKEN)).isEqualTo(Decision.DISABLED);
        assertThat(off.check(null)).isEqualTo(Decision.DISABLED);
    }

    @Test
    void theRightBearerTokenIsAllowed() {
        assertThat(guarded.check("Bearer " + TOKEN)).isEqualTo(Decision.ALLOWED);
        assertThat(guarded.check("bearer " + TOKEN)).as("scheme is case-insensitive").isEqualTo(Decision.ALLOWED);
        assertThat(guarded.check("  Bearer   " + TOKEN + " ")).isEqualTo(Decision.ALLOWED);
        assertThat(guarded.tokenRequired()).isTrue();
    }

    @Test
    void missingMalformedOrWrongTokensAreUnauthorized() {
        assertThat(guarded.check(null)).isEqualTo(Decision.UNAUTHORIZED);
        assertThat(guarded.check("")).isEqualTo(Decision.UNAUTHORIZED);
        assertThat(guarded.check("Bearer")).isEqualTo(Decision.UNAUTHORIZED);
        assertThat(guarded.check("Bearer ")).isEqualTo(Decision.UNAUTHORIZED);
        assertThat(guarded.check(TOKEN)).as("no scheme").isEqualTo(Decision.UNAUTHORIZED);
        assertThat(guarded.check("Basic " + TOKEN)).isEqualTo(Decision.UNAUTHORIZED);
        assertThat(guarded.check("Bearer " + TOKEN.toUpperCase())).isEqualTo(Decision.UNAUTHORIZED);
        assertThat(guarded.check("Bearer " + TOKEN.substring(0, TOKEN.length() - 1))).as("prefix").isEqualTo(Decision.UNAUTHORIZED);
        assertThat(guarded.check("Bearer " + TOKEN + "x")).as("longer").isEqualTo(Decision.UNAUTHORIZED);
    }

    @Test
    void theTokenHeaderServesCallersWhoseAuthorizationCarriesASignature() {
        String sigV4 = "AWS4-HMAC-SHA256 Credential=AKIA.../20250101/eu-west-1/execute-api/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=abc";

        assertThat(guarded.check(sigV4, TOKEN)).isEqualTo(Decision.ALLOWED);
        assertThat(guarded.check(null, TOKEN)).isEqualTo(Decision.ALLOWED);
        assertThat(guarded.check(sigV4, "wrong")).isEqualTo(Decision.UNAUTHORIZED);
        assertThat(guarded.check(sigV4, null)).isEqualTo(Decision.UNAUTHORIZED);
        assertThat(guarded.check(sigV4, " ")).isEqualTo(Decision.UNAUTHORIZED);
        assertThat(guarded.check("Bearer wrong", TOKEN)).as("a bearer token, when given, is the one checked")
                .isEqualTo(Decision.UNAUTHORIZED);
    }

    @Test
    void enabledWithoutATokenRefusesEveryRequest() {
        // issue #14: it used to allow everything, so a blank SYNC_ADMIN_TOKEN opened the admin API
        for (AdminAccess noToken : new AdminAccess[] {new AdminAccess(true, Optional.empty()),
                new AdminAccess(true, Optional.of("  ")), new AdminAccess(true, Optional.of("\n"))}) {
            assertThat(noToken.check(null)).isEqualTo(Decision.UNAUTHORIZED);
            assertThat(noToken.check("Bearer ")).isEqualTo(Decision.UNAUTHORIZED);
            assertThat(noToken.check("Bearer whatever", "  ")).isEqualTo(Decision.UNAUTHORIZED);
            assertThat(noToken.tokenRequired()).isTrue();
        }
    }

    @Test
    void withIamAuthorisationDeclaredTheGatewayAdmitsCallersAndASetTokenIsStillRequired() {
        GatewayCaller authorized = () -> Optional.of("arn:aws:iam::123456789012:user/operator");
        AdminAccess iam = new AdminAccess(true, Optional.empty(), AdminConfig.Auth.IAM, authorized);
        AdminAccess iamAndToken = new AdminAccess(true, Optional.of(TOKEN), AdminConfig.Auth.IAM, authorized);

        assertThat(iam.check("AWS4-HMAC-SHA256 Credential=...", null)).isEqualTo(Decision.ALLOWED);
        assertThat(iam.tokenRequired()).isFalse();
        assertThat(iamAndToken.check("AWS4-HMAC-SHA256 Credential=...", null)).isEqualTo(Decision.UNAUTHORIZED);
        assertThat(iamAndToken.check("AWS4-HMAC-SHA256 Credential=...", TOKEN)).isEqualTo(Decision.ALLOWED);
        assertThat(new AdminAccess(false, Optional.empty(), AdminConfig.Auth.IAM, authorized).check(null)).isEqualTo(Decision.DISABLED);
    }

    @Test
    void iamAuthorisationDeclaredButNoCallerInTheEventRefusesEverybody() {
        // A route without the IAM authorizer, or the artifact served outside API Gateway: the event
        // names no caller, and declaring IAM must not leave the admin API open.
        AdminAccess iam = new AdminAccess(true, Optional.empty(), AdminConfig.Auth.IAM, Optional::empty);

        assertThat(iam.check("AWS4-HMAC-SHA256 Credential=...", null)).isEqualTo(Decision.UNAUTHORIZED);
        assertThat(iam.check(null, null)).isEqualTo(Decision.UNAUTHORIZED);
    }

    @Test
    void aTokenWithATrailingNewlineFromAnEnvFileStillMatches() {
        assertThat(new AdminAccess(true, Optional.of(TOKEN + "\n")).check("Bearer " + TOKEN)).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void bearerParsing() {
        assertThat(AdminAccess.bearerToken("Bearer abc")).isEqualTo("abc");
        assertThat(AdminAccess.bearerToken("BEARER abc")).isEqualTo("abc");
        assertThat(AdminAccess.bearerToken("Bearerabc")).isNull();
        assertThat(AdminAccess.bearerToken("Token abc")).isNull();
        assertThat(AdminAccess.bearerToken(null)).isNull();
    }
}
