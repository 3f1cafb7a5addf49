package io.polaroid.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polaroid.DataFrame;
import io.polaroid.Polaroid;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.exec.EngineConfig;
import io.polaroid.engine.testing.Rows;
import io.polaroid.tpch.TpchData;
import io.polaroid.tpch.TpchQueries;
import io.polaroid.tpch.TpchTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster that serves TLS on its one port (PolaroidConnect, Flight, internal services) and
 * whose servers call each other over TLS: TPC-H through {@code grpc+tls://} gives local mode's
 * rows, with every shuffle and result fetched over TLS; a plaintext client gets a clear error.
 * The certificate is self-signed for 127.0.0.1 and made with openssl here.
 */
class ClusterTlsTest {
    @TempDir
    static Path certs;

    private static Path[] selfSigned() throws IOException, InterruptedException {
        Path cert = certs.resolve("server.pem");
        Path key = certs.resolve("server.key");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        // Netty reads PKCS#8 keys
        Path pkcs8 = certs.resolve("server-pkcs8.key");
        Process c = new ProcessBuilder("openssl", "pkcs8", "-topk8", "-nocrypt", "-in", key.toString(), "-out", pkcs8.toString())
                .redirectErrorStream(true).start();
        String out2 = new String(c.getInputStream().readAllBytes());
        assertThat(c.waitFor()).as(out2).isZero();
        return new Path[] {cert, pkcs8};
    }

    @Test
    void tpchOverTlsGivesLocalModesRowsAndPlaintextIsRefused() throws Exception {
        Path[] pem = selfSigned();
        Map<String, String> tls = Map.of("POLAROID_SECURITY_TLS_CERTIFICATE", pem[0].toString(),
                "POLAROID_SECURITY_TLS_PRIVATEKEY", pem[1].toString());
        Path data = TpchData.splitTestData();
        System.setProperty("polaroid.tls.ca", pem[0].toString());
        try (LocalCluster cluster = new LocalCluster("tls", 2, List.of(data.toString()), tls, tls,
                "--polaroid.scheduler.broadcast-threshold=64KB");
             Polaroid remote = Polaroid.connect(cluster.url(), TestCredentials.get().token());
             Polaroid local = Polaroid.local(EngineConfig.defaults().withThreads(2))) {
            assertThat(cluster.url()).startsWith("grpc+tls://");
            for (int q : new int[] {1, 3, 9}) {
                List<List<Object>> expected;
                try (DataFrame df = TpchQueries.query(q, new TpchTables(local, data)).collect()) {
                    expected = df.rows();
                }
                try (DataFrame df = TpchQueries.query(q, new TpchTables(remote, data)).collect()) {
                    assertThat(Rows.difference(expected, df.rows(), true)).as("Q%d over TLS", q).isNull();
                }
            }
            try (Polaroid plaintext = Polaroid.connect(cluster.url().replace("grpc+tls", "grpc"), TestCredentials.get().token())) {
                assertThatThrownBy(() -> plaintext.scanParquet(data.resolve("region.parquet").toString()).collect())
                        .isInstanceOf(PolaroidException.class);
            }
        } finally {
            System.clearProperty("polaroid.tls.ca");
        }
        assertThat(Files.exists(pem[0])).isTrue();
    }
}
