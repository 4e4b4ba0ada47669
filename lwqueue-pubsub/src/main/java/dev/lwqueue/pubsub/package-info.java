/** The chat on Google Cloud Pub/Sub (being built: see the Pub/Sub issue). */
package dev.lwqueue.pubsub;
