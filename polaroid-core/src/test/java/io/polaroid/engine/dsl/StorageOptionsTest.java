package io.polaroid.engine.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polaroid.engine.error.PolaroidException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Polars' storage option names as S3A settings, their checks, and the masking of secrets. */
class StorageOptionsTest {

    @Test
    void polarsSpellingsBecomeS3aSettingsPathStyleAsObjectStore() {
        Map<String, String> s3a = new StorageOptions(Map.of("aws_access_key_id", "id", "secret_access_key", "secret",
                "endpoint_url", "http://127.0.0.1:9000", "region", "eu-west-1")).hadoopSettings();
        assertThat(s3a).containsEntry("fs.s3a.access.key", "id").containsEntry("fs.s3a.secret.key", "secret")
                .containsEntry("fs.s3a.endpoint", "http://127.0.0.1:9000")
                .containsEntry("fs.s3a.connection.ssl.enabled", "false")
                .containsEntry("fs.s3a.endpoint.region", "eu-west-1")
                .containsEntry("fs.s3a.path.style.access", "true")
                .containsEntry("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    }

    @Test
    void anEndpointWithoutKeysIsReadUnsignedAndARegionAloneKeepsTheEnginesCredentials() {
        assertThat(new StorageOptions(Map.of("aws_endpoint_url", "http://127.0.0.1:9000")).hadoopSettings())
                .containsEntry("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider");
        assertThat(new StorageOptions(Map.of("aws_region", "eu-west-1")).hadoopSettings())
                .doesNotContainKey("fs.s3a.aws.credentials.provider");
    }

    @Test
    void sessionTokensVirtualHostsAndUnsignedRequests() {
        Map<String, String> s3a = new StorageOptions(Map.of("aws_session_token", "tok",
                "aws_virtual_hosted_style_request", "true", "aws_endpoint_url", "https://s3.example")).hadoopSettings();
        assertThat(s3a).containsEntry("fs.s3a.session.token", "tok")
                .containsEntry("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider")
                .containsEntry("fs.s3a.path.style.access", "false")
                .containsEntry("fs.s3a.endpoint.region", "us-east-1")
                .doesNotContainKey("fs.s3a.connection.ssl.enabled");
        assertThat(new StorageOptions(Map.of("aws_skip_signature", "true")).hadoopSettings())
                .containsEntry("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider");
        assertThat(new StorageOptions(Map.of("aws_allow_http", "true")).hadoopSettings())
                .containsEntry("fs.s3a.connection.ssl.enabled", "false");
    }

    @Test
    void unknownKeysAndBadFlagsAreRefusedByName() {
        assertThatThrownBy(() -> new StorageOptions(Map.of("aws_secret_acess_key", "typo")).check(List.of("s3://b/k")))
                .isInstanceOf(PolaroidException.class)
                .hasMessageContaining("unknown storage option 'aws_secret_acess_key'")
                .hasMessageContaining("s3://b/k").hasMessageContaining("aws_secret_access_key")
                .hasMessageNotContaining("typo");
        assertThatThrownBy(() -> new StorageOptions(Map.of("aws_allow_http", "sometimes")).check(List.of("s3://b/k")))
                .isInstanceOf(PolaroidException.class).hasMessageContaining("aws_allow_http");
    }

    @Test
    void secretsAreMaskedInTextAndInTheirPrintedForm() {
        StorageOptions options = new StorageOptions(Map.of("aws_access_key_id", "AKID", "aws_secret_access_key", "s3cr3t",
                "aws_session_token", "tok3n", "aws_region", "eu-west-1"));
        assertThat(options.toString()).contains("aws_region=eu-west-1", "aws_secret_access_key=***")
                .doesNotContain("AKID", "s3cr3t", "tok3n");
        assertThat(options.mask("denied for AKID with s3cr3t and tok3n")).isEqualTo("denied for *** with *** and ***");
    }
}
