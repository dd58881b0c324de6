package dev.backplane.devstack;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** AWS SDK clients devstack itself uses to talk to its local services (dummy credentials, explicit endpoints). */
public final class LocalClients {
    private static final StaticCredentialsProvider CREDENTIALS =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("devstack", "devstack"));

    private LocalClients() {}

    public static DynamoDbClient dynamoDb(URI endpoint, String region) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.of(region)).credentialsProvider(CREDENTIALS)
            .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    public static DynamoDbStreamsClient dynamoDbStreams(URI endpoint, String region) {
        return DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(Region.of(region)).credentialsProvider(CREDENTIALS)
            .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    public static SqsClient sqs(URI endpoint, String region) {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.of(region)).credentialsProvider(CREDENTIALS)
            .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }
}
