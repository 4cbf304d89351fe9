package dev.clickupsync.testkit.clickup;

/**
 * The error bodies the fake answers with, in ClickUp's {@code {"err": ..., "ECODE": ...}} shape.
 * Kept in one place so each choice can be checked against its source:
 * <ul>
 * <li>{@code OAUTH_017} (header missing) and {@code OAUTH_025} (one of the "token not found" codes
 * OAUTH_019/021/025/077): ClickUp's "Common errors" page (developer.clickup.com/docs/common_errors).
 * The OpenAPI document lists no auth, rate-limit or not-found codes at all.</li>
 * <li>{@code APP_002} "Rate limit reached" (429), {@code APP_001} "Route not found" (404),
 * {@code ITEM_013} "Task not found, deleted" (404), {@code OAUTH_027} "Team not authorized" (401):
 * bodies reported from live ClickUp traffic in public code; not in the OpenAPI document.</li>
 * <li>{@code ITEM_015} "List not found": not verified anywhere authoritative (one public test fake uses it).</li>
 * <li>{@code OAUTH_171} "Webhook configuration already exists": not in the OpenAPI document; ClickUp's
 * error list as quoted in several public projects (duplicate endpoint + location).</li>
 * <li>{@code FIELD_011} "Value must be an option index or uuid" (400): reported from live ClickUp by a
 * public project's notes; {@code FIELD_115} "Custom field does not exist in the task location hierarchy"
 * (400): seen only in another public fake, unverified. The write routes ({@link TaskWriteRoutes}) answer
 * them for an unknown option id and a field id that is not on the task's list.</li>
 * <li>{@code FIELD_017} "Value is not a valid date" and {@code FIELD_342} "Invalid Value": reported from
 * live ClickUp in public projects' notes (a date sent as ISO text; a value of the wrong shape); the
 * status ClickUp used for the former varies in those notes, the fake answers 400.</li>
 * <li>Codes starting {@code FAKE_} are invented here for situations with no known ClickUp body.</li>
 * </ul>
 */
public final class ClickUpErrors {

    public static final String AUTH_HEADER_REQUIRED = "OAUTH_017";
    public static final String TOKEN_INVALID = "OAUTH_025";
    public static final String TEAM_NOT_AUTHORIZED = "OAUTH_027";
    public static final String RATE_LIMITED = "APP_002";
    public static final String ROUTE_NOT_FOUND = "APP_001";
    public static final String TASK_NOT_FOUND = "ITEM_013";
    public static final String LIST_NOT_FOUND = "ITEM_015";
    public static final String TEAM_ID_REQUIRED = "FAKE_INPUT_001";
    public static final String WEBHOOK_EXISTS = "OAUTH_171";
    public static final String FIELD_VALUE_INVALID = "FIELD_011";
    public static final String FIELD_NOT_IN_LOCATION = "FIELD_115";
    public static final String FIELD_DATE_INVALID = "FIELD_017";
    public static final String FIELD_VALUE_SHAPE = "FIELD_342";
    /** Invented: a malformed or incomplete request body or query parameter (400). */
    public static final String INVALID_INPUT = "FAKE_INPUT_002";
    /** Invented: PUT/DELETE of a webhook id that does not exist (404). */
    public static final String WEBHOOK_NOT_FOUND = "FAKE_WEBHOOK_001";
    /** Invented: GET of a space id that does not exist or was deleted (404). */
    public static final String SPACE_NOT_FOUND = "FAKE_ITEM_001";
    /** Invented: GET of a folder id that does not exist or was deleted (404). */
    public static final String FOLDER_NOT_FOUND = "FAKE_ITEM_002";
    /** Invented: GET of a goal id that does not exist or was deleted (404). */
    public static final String GOAL_NOT_FOUND = "FAKE_ITEM_003";
    /** Invented: PUT/DELETE of a comment id that does not exist (404). */
    public static final String COMMENT_NOT_FOUND = "FAKE_COMMENT_001";

    private ClickUpErrors() {
    }

    /** The compact JSON error body for {@code err} and {@code ecode}. */
    public static String body(String err, String ecode) {
        return ClickUpJson.string(ClickUpJson.object().put("err", err).put("ECODE", ecode));
    }

    /** {@code {"err":"Token invalid","ECODE":"OAUTH_025"}}, what a revoked or wrong token gets (401). */
    public static String tokenInvalid() {
        return body("Token invalid", TOKEN_INVALID);
    }

    /** {@code {"err":"Value must be an option index or uuid","ECODE":"FIELD_011"}}, a custom field validation failure (400). */
    public static String fieldValueInvalid() {
        return body("Value must be an option index or uuid", FIELD_VALUE_INVALID);
    }

    /** {@code {"err":"Custom field does not exist in the task location hierarchy","ECODE":"FIELD_115"}} (400). */
    public static String fieldNotInLocation() {
        return body("Custom field does not exist in the task location hierarchy", FIELD_NOT_IN_LOCATION);
    }

    /** The default body of an injected fault with this HTTP status. */
    static String faultBody(int status) {
        return switch (status) {
            case 429 -> body("Rate limit reached", RATE_LIMITED);
            case 500 -> body("Internal Server Error", "FAKE_500");
            case 502 -> body("Bad Gateway", "FAKE_502");
            case 503 -> body("Service Unavailable", "FAKE_503");
            case 504 -> body("Gateway Timeout", "FAKE_504");
            default -> body("Injected fault", "FAKE_" + status);
        };
    }
}
