package dev.lwqueue.cli;

import dev.lwqueue.rabbitmq.DedicatedNode;
import dev.lwqueue.rabbitmq.TestCertificates;
import java.util.List;

/**
 * The CLI's own RabbitMQ node for the dedicated-node phase: AMQP on 5682, TLS on 5681 (server
 * certificate for localhost, client certificate required), started once per test JVM and stopped
 * at its exit. Never the shared broker: these tests restart it.
 */
final class TestNode {

  static final int AMQP_PORT = 5682;
  static final int TLS_PORT = 5681;
  static final int DIST_PORT = 25682;

  private static DedicatedNode node;
  private static TestCertificates certificates;

  private TestNode() {}

  static synchronized DedicatedNode node() throws Exception {
    if (node == null) {
      java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "lwqueue-node-lwqrestart-certs");
      certificates = TestCertificates.create(dir);
      node = DedicatedNode.start("lwqrestart", AMQP_PORT, DIST_PORT, List.of(
          "listeners.ssl.1 = 127.0.0.1:" + TLS_PORT,
          "ssl_options.cacertfile = " + certificates.caPem(),
          "ssl_options.certfile = " + certificates.serverPem(),
          "ssl_options.keyfile = " + certificates.serverKey(),
          "ssl_options.verify = verify_peer",
          "ssl_options.fail_if_no_peer_cert = true"));
    }
    return node;
  }

  static synchronized TestCertificates certificates() throws Exception {
    node();
    return certificates;
  }
}
