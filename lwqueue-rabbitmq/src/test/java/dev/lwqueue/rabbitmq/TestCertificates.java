package dev.lwqueue.rabbitmq;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority with a server certificate for {@code localhost} (DNS name
 * only, so connecting to {@code 127.0.0.1} fails host name verification) and a client certificate,
 * made with openssl for TLS tests.
 *
 * @param caPem the authority's certificate (what {@code --ca-file} takes)
 * @param serverPem the server certificate, signed by the authority
 * @param serverKey the server's private key (PEM)
 * @param serverP12 the server certificate and key as PKCS#12, password {@link #PASSWORD}
 * @param clientP12 the client certificate and key as PKCS#12, password {@link #PASSWORD}
 */
public record TestCertificates(Path caPem, Path serverPem, Path serverKey, Path serverP12, Path clientP12) {

  public static final String PASSWORD = "changeit";

  public static TestCertificates create(Path dir) throws Exception {
    Files.createDirectories(dir);
    Path caKey = dir.resolve("ca.key");
    Path ca = dir.resolve("ca.pem");
    openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(), "-out", ca.toString(),
        "-days", "3", "-subj", "/CN=lwqueue test CA");
    Path serverKey = dir.resolve("server.key");
    Path serverPem = signed(dir, "server", "/CN=localhost", "subjectAltName=DNS:localhost", ca, caKey, serverKey);
    Path serverP12 = pkcs12(dir, "server", serverPem, serverKey);
    Path clientKey = dir.resolve("client.key");
    Path clientPem = signed(dir, "client", "/CN=lwqueue test client", "extendedKeyUsage=clientAuth", ca, caKey, clientKey);
    Path clientP12 = pkcs12(dir, "client", clientPem, clientKey);
    return new TestCertificates(ca, serverPem, serverKey, serverP12, clientP12);
  }

  private static Path signed(Path dir, String name, String subject, String extension, Path ca, Path caKey, Path key)
      throws Exception {
    Path csr = dir.resolve(name + ".csr");
    Path pem = dir.resolve(name + ".pem");
    Path ext = dir.resolve(name + ".ext");
    Files.writeString(ext, extension + "\n");
    openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", csr.toString(),
        "-subj", subject);
    openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
        "-CAcreateserial", "-out", pem.toString(), "-days", "3", "-extfile", ext.toString());
    return pem;
  }

  private static Path pkcs12(Path dir, String name, Path pem, Path key) throws Exception {
    Path p12 = dir.resolve(name + ".p12");
    openssl(dir, "pkcs12", "-export", "-in", pem.toString(), "-inkey", key.toString(), "-out", p12.toString(),
        "-passout", "pass:" + PASSWORD);
    return p12;
  }

  private static void openssl(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    Path log = dir.resolve("openssl.log");
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log));
    }
  }
}
