package dev.clickupsync.infra.secrets;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * A secret could not be read from SSM at start-up. Messages name the parameter and the key it was
 * meant for, and never carry a value. Thrown out of the config source factory, it fails start-up:
 * a function that cannot authenticate should not start pretending it can.
 */
public final class SecretParameterException extends RuntimeException {

    private SecretParameterException(String message, Throwable cause) {
        super(message, cause);
    }

    static SecretParameterException missing(SecretParameters.Lookup lookup) {
        return new SecretParameterException("SSM parameter " + lookup.parameterName() + " (named by "
                + SecretParameters.parameterKey(lookup.key()) + ", the value of " + lookup.key()
                + ") does not exist in this account and region. Create it as a SecureString, e.g. "
                + "aws ssm put-parameter --type SecureString --name " + lookup.parameterName()
                + " --value ..., or set " + lookup.key() + " directly.", null);
    }

    static SecretParameterException unreadable(SecretParameters.Lookup lookup, RuntimeException cause) {
        String why = cause.getClass().getSimpleName();
        if (cause instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            why = aws.awsErrorDetails().errorCode() + " (HTTP " + aws.statusCode() + ")";
        }
        // Only the error code: AWS error texts name ARNs, never values, but nothing more is needed here.
        return new SecretParameterException("Could not read SSM parameter " + lookup.parameterName() + " (named by "
                + SecretParameters.parameterKey(lookup.key()) + ", the value of " + lookup.key() + "): " + why
                + ". The function's role needs ssm:GetParameter on it and kms:Decrypt on its key.", cause);
    }

    static SecretParameterException setup(String message, Throwable cause) {
        return new SecretParameterException(message, cause);
    }
}
