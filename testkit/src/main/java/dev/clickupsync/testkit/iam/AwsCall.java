package dev.clickupsync.testkit.iam;

import java.util.Set;

/**
 * One AWS request the code made, as IAM sees it: who made it (the template's function), the IAM
 * action ({@code dynamodb:PutItem}), the resource's ARN as it would be on AWS (built from the
 * physical name the test used) and the partition keys it touches ({@code dynamodb:LeadingKeys}).
 *
 * @param function the template's logical id of the function whose code made the call
 * @param action   the IAM action
 * @param arn      the resource, e.g. {@code arn:aws:dynamodb:us-east-1:000000000000:table/clickup-sync-dev-mirror}
 * @param leadingKeys the partition key values of the items touched (empty for non-item calls)
 * @param entry    the class that decided the function (for messages)
 */
public record AwsCall(String function, String action, String arn, Set<String> leadingKeys, String entry) {
    public AwsCall {
        leadingKeys = Set.copyOf(leadingKeys);
    }

    public String service() {
        return action.substring(0, action.indexOf(':'));
    }

    @Override
    public String toString() {
        return action + " on " + arn + (leadingKeys.isEmpty() ? "" : " with leading keys " + new java.util.TreeSet<>(leadingKeys));
    }
}
