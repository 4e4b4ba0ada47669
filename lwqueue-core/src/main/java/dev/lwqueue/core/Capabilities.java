package dev.lwqueue.core;

/**
 * What a backend supports, so the shared conformance suite runs only the tests that apply
 * (the idea of Watermill's feature flags).
 *
 * @param reportsRouting publish receipts say whether anybody received the message
 * @param keepsPublisherOrder messages of one publisher arrive in the order they were published
 * @param durableSubscriptions named subscriptions keep messages while nobody listens
 * @param maxMessageBytes the largest body the backend accepts
 */
public record Capabilities(
    boolean reportsRouting,
    boolean keepsPublisherOrder,
    boolean durableSubscriptions,
    int maxMessageBytes) {}
