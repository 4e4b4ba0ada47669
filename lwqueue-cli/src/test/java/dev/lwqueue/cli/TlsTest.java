package dev.lwqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lwqueue.rabbitmq.DedicatedNode;
import dev.lwqueue.rabbitmq.TestCertificates;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TLS against a real RabbitMQ TLS listener (the dedicated node's, which wants a client certificate):
 * a trusted CA and the right host name pass; an unknown CA, another host name or a missing client
 * certificate end with exit code 8 and one line.
 */
@Tag(DedicatedNode.TAG)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsTest {

  private CliRun send(String host, String... tlsOptions) throws Exception {
    TestNode.node();
    List<String> args = new ArrayList<>(List.of("send-message", "--username", "tess", "--message", "over TLS",
        "--url", "amqps://guest:guest@" + host + ":" + TestNode.TLS_PORT + "/", "--connect-timeout", "5"));
    args.addAll(List.of(tlsOptions));
    return CliRun.run(args.toArray(String[]::new));
  }

  private static String[] trusted(String... more) throws Exception {
    TestCertificates c = TestNode.certificates();
    List<String> args = new ArrayList<>(List.of("--ca-file", c.caPem().toString(),
        "--client-cert", c.clientP12().toString(), "--client-cert-password", TestCertificates.PASSWORD));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void trustedAuthorityAndMatchingHostNameConnect() throws Exception {
    CliRun r = send("localhost", trusted());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Sent ");
  }

  @Test
  void unknownAuthorityIsATlsFailure() throws Exception {
    TestCertificates c = TestNode.certificates();
    CliRun r = send("localhost", "--client-cert", c.clientP12().toString(),
        "--client-cert-password", TestCertificates.PASSWORD);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.TLS_FAILED.code());
    assertThat(r.err()).startsWith("lwqueue: error: TLS handshake").contains("--ca-file").hasLineCount(1);
  }

  @Test
  void certificateForAnotherHostNameIsATlsFailureUnlessVerificationIsOff() throws Exception {
    CliRun r = send("127.0.0.1", trusted());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.TLS_FAILED.code());
    assertThat(r.err()).startsWith("lwqueue: error: TLS").hasLineCount(1);

    CliRun unverified = send("127.0.0.1", trusted("--no-verify-hostname"));
    assertThat(unverified.exitCode()).as(unverified.err()).isZero();
  }

  @Test
  void missingClientCertificateIsATlsFailure() throws Exception {
    CliRun r = send("localhost", "--ca-file", TestNode.certificates().caPem().toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.TLS_FAILED.code());
    assertThat(r.err()).startsWith("lwqueue: error: ").hasLineCount(1);
  }
}
