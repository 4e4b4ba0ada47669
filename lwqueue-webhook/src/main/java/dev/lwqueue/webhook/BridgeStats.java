package dev.lwqueue.webhook;

/**
 * The bridge's counts at one moment.
 *
 * @param delivered messages acknowledged by a 2xx answer
 * @param retrying messages waiting for their next attempt
 * @param dead messages given up on and stored as dead letters
 * @param inFlight requests under way
 * @param attempts every attempt so far, failed or not
 */
public record BridgeStats(long delivered, long retrying, long dead, long inFlight, long attempts) {}
