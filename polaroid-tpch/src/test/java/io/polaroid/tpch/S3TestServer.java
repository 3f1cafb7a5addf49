package io.polaroid.tpch;

import io.polaroid.engine.io.fs.FileSystems;
import io.polaroid.engine.io.fs.S3Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * A real S3-compatible server (S3Proxy, in memory) on a free loopback port, with signed
 * requests: what the S3 tests read from and write to, through S3A as a user would.
 */
public final class S3TestServer implements AutoCloseable {
    public static final String ACCESS_KEY = "polaroid-test";
    public static final String SECRET_KEY = "polaroid-test-secret";

    private final S3Proxy proxy;
    private final TransientNio2BlobStore store = new TransientNio2BlobStore();
    private final String accessKey;
    private final String secretKey;

    public S3TestServer() {
        this(ACCESS_KEY, SECRET_KEY);
    }

    public S3TestServer(String accessKey, String secretKey) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey).build();
        try {
            proxy.start();
            long until = System.nanoTime() + 10_000_000_000L;
            while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < until) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** How a client reaches this server: endpoint, path-style access and the keys. */
    public S3Settings settings() {
        return new S3Settings(endpoint(), "us-east-1", true, accessKey, secretKey);
    }

    public Map<String, String> hadoopSettings() {
        return settings().hadoopSettings(Map.of());
    }

    /**
     * Creates a bucket with a name no other test used in this JVM: Hadoop caches one S3A client
     * per bucket and process, so a bucket name reused with another server would reach the old one.
     */
    public String createBucket(String prefix) {
        return createBucketNamed(prefix + "-" + Long.toHexString(System.nanoTime()));
    }

    /** A bucket of exactly this name, for servers in other processes (which have their own S3A clients). */
    public String createBucketNamed(String bucket) {
        store.createContainer(bucket);
        return bucket;
    }

    /** Copies every file of {@code folder} (not recursively) to {@code s3a://bucket/prefix/<name>}. */
    public void upload(Path folder, String bucket, String prefix) {
        // configured as the engine configures S3A
        Configuration conf = new FileSystems(hadoopSettings()).conf();
        try (Stream<Path> files = Files.list(folder);
             FileSystem s3 = FileSystem.newInstance(URI.create("s3a://" + bucket + "/"), conf)) {
            List<Path> list = files.filter(Files::isRegularFile).toList();
            for (Path f : list) {
                try (java.io.OutputStream out = s3.create(
                        new org.apache.hadoop.fs.Path("s3a://" + bucket + "/" + prefix + "/" + f.getFileName()))) {
                    Files.copy(f, out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
