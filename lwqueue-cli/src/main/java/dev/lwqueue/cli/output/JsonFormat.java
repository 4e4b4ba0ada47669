package dev.lwqueue.cli.output;

import dev.lwqueue.core.Delivery;
import dev.lwqueue.core.DeliveryJson;

/**
 * {@code --mode json}: one JSON object per delivery, the same JSON {@code serve} streams; see
 * {@link DeliveryJson} for the fields and why the line is terminal-safe.
 */
public final class JsonFormat implements DeliveryFormat {

  @Override
  public String format(Delivery delivery) {
    return DeliveryJson.format(delivery);
  }
}
