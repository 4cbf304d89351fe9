package dev.clickupsync.budget;

import dev.clickupsync.crypto.Sha256;

/**
 * The control-table key of a token's budget: a hash of the token, so the token itself never lands
 * in DynamoDB, logs or metrics, and every instance using the same token shares one budget item.
 */
public final class BudgetKey {
    private BudgetKey() {
    }

    /** First 16 hex digits of the trimmed token's SHA-256: stable per token, reveals nothing about it. */
    public static String of(String token) {
        return Sha256.hex(token.trim()).substring(0, 16);
    }
}
