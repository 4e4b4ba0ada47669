package dev.lwqueue.pubsub;

import io.grpc.HandlerRegistry;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.InsecureServerCredentials;
import io.grpc.okhttp.OkHttpServerBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC server on loopback that answers every Pub/Sub call with an error status, per method.
 * The emulator has no IAM (every call is allowed), so this is how tests get the answers Google
 * gives to an account without permission, as real gRPC statuses over a real connection.
 */
public final class RefusingPubSubServer implements AutoCloseable {

  private final Server server;

  /**
   * @param statuses method name (for example {@code GetTopic}, {@code CreateSubscription}) to
   *     the status to answer; unlisted methods get {@code fallback}
   */
  public RefusingPubSubServer(Map<String, Status> statuses, Status fallback) {
    HandlerRegistry registry = new HandlerRegistry() {
      @Override
      public ServerMethodDefinition<?, ?> lookupMethod(String fullMethodName, String authority) {
        String method = fullMethodName.substring(fullMethodName.lastIndexOf('/') + 1);
        Status status = statuses.getOrDefault(method, fallback);
        MethodDescriptor<byte[], byte[]> descriptor =
            MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNKNOWN)
                .setFullMethodName(fullMethodName)
                .setRequestMarshaller(BYTES)
                .setResponseMarshaller(BYTES)
                .build();
        ServerCallHandler<byte[], byte[]> refuse = new ServerCallHandler<>() {
          @Override
          public ServerCall.Listener<byte[]> startCall(ServerCall<byte[], byte[]> call, Metadata headers) {
            call.close(status, new Metadata());
            return new ServerCall.Listener<>() {};
          }
        };
        return ServerMethodDefinition.create(descriptor, refuse);
      }
    };
    try {
      server = OkHttpServerBuilder.forPort(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), InsecureServerCredentials.create())
          .fallbackHandlerRegistry(registry)
          .build()
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every call refused as Google refuses an account without the permission. */
  public static RefusingPubSubServer permissionDenied() {
    return new RefusingPubSubServer(Map.of(),
        Status.PERMISSION_DENIED.withDescription("User not authorized to perform this action."));
  }

  public String host() {
    return "127.0.0.1:" + server.getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };
}
