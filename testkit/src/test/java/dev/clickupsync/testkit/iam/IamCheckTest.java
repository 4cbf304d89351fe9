package dev.clickupsync.testkit.iam;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The IAM evaluation on a small template shaped like ours, and what the recorder reads from real SDK requests. */
class IamCheckTest {
    private static final String TEMPLATE = """
            Resources:
              DigestFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Role: !GetAtt DigestRole.Arn
              AdminFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Role: !GetAtt AdminRole.Arn
              IdempotencyTable:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: !Sub clickup-sync-${Stage}-idempotency
              MirrorTable:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: !Sub clickup-sync-${Stage}-mirror
              CommandsQueue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Sub clickup-sync-${Stage}-commands
              DigestRole:
                Type: AWS::IAM::Role
                Properties:
                  Policies:
                    - PolicyName: digest
                      PolicyDocument:
                        Statement:
                          - Sid: ReadMirror
                            Effect: Allow
                            Action: [dynamodb:GetItem, dynamodb:BatchGetItem, dynamodb:Query]
                            Resource: [!GetAtt MirrorTable.Arn, !Sub '${MirrorTable.Arn}/index/*']
                          - Sid: SubmitCommands
                            Effect: Allow
                            Action: [sqs:SendMessage]
                            Resource: !GetAtt CommandsQueue.Arn
                          - Sid: Kms
                            Effect: Allow
                            Action: [kms:Decrypt]
                            Resource: '*'
                            Condition:
                              StringEquals:
                                kms:ViaService: ssm.amazonaws.com
              AdminRole:
                Type: AWS::IAM::Role
                Properties:
                  Policies:
                    - PolicyName: admin
                      PolicyDocument:
                        Statement:
                          - Sid: CommandRecords
                            Effect: Allow
                            Action: [dynamodb:GetItem, dynamodb:PutItem]
                            Resource: !GetAtt IdempotencyTable.Arn
                            Condition:
                              ForAllValues:StringLike:
                                dynamodb:LeadingKeys: ['command#*']
            """;
    private static final String IDEMPOTENCY = "arn:aws:dynamodb:us-east-1:000000000000:table/clickup-sync-dev-idempotency";
    private static final String MIRROR = "arn:aws:dynamodb:us-east-1:000000000000:table/clickup-sync-dev-mirror";
    private static final String COMMANDS = "arn:aws:sqs:us-east-1:000000000000:clickup-sync-local-commands";

    private final IamCheck check = IamCheck.of(TEMPLATE);

    @Test
    void aDigestThatWritesItsCommandRecordIsDeniedNamingTheFunctionTheCallAndTheMissingStatement() {
        // issue #14 item 1: StandupDigest -> CommandQueue.submit -> CommandOutcomes.queued (PutItem command#...)
        AwsCall queued = new AwsCall("DigestFunction", "dynamodb:PutItem", IDEMPOTENCY,
                Set.of("command#digest:list:1:2026-12-05:standup-v1"), "dev.clickupsync.digest.StandupDigest");

        IamCheck.Result result = check.check(List.of(queued, new AwsCall("DigestFunction", "sqs:SendMessage", COMMANDS, Set.of(), "x")));

        assertThat(result.denied()).singleElement().asString()
                .contains("DigestFunction (role DigestRole, entered at dev.clickupsync.digest.StandupDigest)")
                .contains("calls dynamodb:PutItem on IdempotencyTable with leading keys [command#digest:list:1:2026-12-05:standup-v1]")
                .contains("no statement of DigestRole has dynamodb:PutItem")
                .contains("Missing: {Effect: Allow, Action: dynamodb:PutItem, Resource: !GetAtt IdempotencyTable.Arn, "
                        + "Condition: {ForAllValues:StringLike: {dynamodb:LeadingKeys: [command#*]}}}");
    }

    @Test
    void allowedCallsPassAndUnneededStatementsAreReported() {
        IamCheck.Result result = check.check(List.of(
                new AwsCall("DigestFunction", "dynamodb:Query", MIRROR + "/index/by-list", Set.of("list#1"), "x"),
                new AwsCall("DigestFunction", "sqs:SendMessage", COMMANDS, Set.of(), "x"),
                new AwsCall("AdminFunction", "dynamodb:PutItem", IDEMPOTENCY, Set.of("command#a"), "x")));

        assertThat(result.denied()).isEmpty();
        assertThat(result.unused()).singleElement().asString().startsWith("DigestRole/Kms");
        assertThat(result.callsPerFunction()).containsEntry("DigestFunction", 2).containsEntry("AdminFunction", 1);
    }

    @Test
    void aLeadingKeyOutsideTheConditionIsDenied() {
        IamCheck.Result result = check.check(List.of(
                new AwsCall("AdminFunction", "dynamodb:PutItem", IDEMPOTENCY, Set.of("command#a", "idem#b"), "x")));

        assertThat(result.denied()).singleElement().asString()
                .contains("statements with dynamodb:PutItem ([CommandRecords]) do not cover this resource or these keys");
    }

    @Test
    void aConditionTheTestsCannotEvaluateNeverAllows() {
        assertThat(check.check(List.of(new AwsCall("DigestFunction", "kms:Decrypt", "*", Set.of(), "x"))).denied())
                .singleElement().asString().contains("kms:Decrypt");
    }

    @Test
    void aCallOnATableTheTemplateDoesNotDeclareIsDenied() {
        assertThat(check.check(List.of(new AwsCall("DigestFunction", "dynamodb:GetItem",
                "arn:aws:dynamodb:us-east-1:000000000000:table/some-test-table", Set.of("x"), "e"))).denied())
                .singleElement().asString().contains("(no resource of the template)");
    }

    @Test
    void unattributedCallsAreCountedNotChecked() {
        IamCheck.Result result = check.check(List.of(new AwsCall("", "dynamodb:Scan", MIRROR, Set.of(), "dev.clickupsync.mirror.MirrorStore")));
        assertThat(result.denied()).isEmpty();
        assertThat(result.unattributed()).containsExactly("dynamodb:Scan from dev.clickupsync.mirror.MirrorStore");
    }

    @Test
    void theRecorderReadsTablesQueuesAndPartitionKeysFromRealSdkRequests() {
        AttributeValue pk = AttributeValue.fromS("command#c1");
        assertThat(AwsCallRecorder.targets("dynamodb", PutItemRequest.builder().tableName("clickup-sync-dev-idempotency")
                .item(Map.of("pk", pk, "sk", AttributeValue.fromS("command"))).build()))
                .containsExactly(Map.entry(IDEMPOTENCY, Set.of("command#c1")));
        assertThat(AwsCallRecorder.targets("dynamodb", QueryRequest.builder().tableName("clickup-sync-dev-mirror").indexName("by-list")
                .keyConditionExpression("pk = :p AND begins_with(sk, :s)")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("list#9"), ":s", AttributeValue.fromS("task#"))).build()))
                .containsExactly(Map.entry(MIRROR + "/index/by-list", Set.of("list#9")));
        assertThat(AwsCallRecorder.targets("dynamodb", BatchGetItemRequest.builder().requestItems(Map.of("clickup-sync-dev-mirror",
                KeysAndAttributes.builder().keys(List.of(Map.of("pk", AttributeValue.fromS("task#1")),
                        Map.of("pk", AttributeValue.fromS("task#2")))).build())).build()))
                .containsExactly(Map.entry(MIRROR, Set.of("task#1", "task#2")));
        assertThat(AwsCallRecorder.targets("sqs", SendMessageRequest.builder()
                .queueUrl("http://127.0.0.1:4566/000000000000/clickup-sync-local-commands").build()))
                .containsExactly(Map.entry(COMMANDS, Set.of()));
    }
}
