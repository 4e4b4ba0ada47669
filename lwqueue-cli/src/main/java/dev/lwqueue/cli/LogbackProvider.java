package dev.lwqueue.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.util.StatusPrinter;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.Util;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * SLF4J's provider in lwqueue ({@link Logging} names it): logback's own, except that it runs {@link
 * LogbackConfigurator} directly. logback's provider finds its configurators with a {@code
 * ServiceLoader}, which reads the jar's central directory and scans it (17,000 entries): 18 ms of
 * the start-up warm-up, which a one-shot send now waits for. A {@code logback.configurationFile}
 * or a {@code logback-test.xml} still goes through logback's usual configuration.
 */
public final class LogbackProvider implements SLF4JServiceProvider {

  /** The SLF4J API version this provider is written against, as logback 1.5's says. */
  private static final String API_VERSION = "2.0.99";

  private final LoggerContext context = new LoggerContext();
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final LogbackMDCAdapter mdc = new LogbackMDCAdapter();

  @Override
  public void initialize() {
    context.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
    context.setMDCAdapter(mdc);
    LogbackConfigurator configurator = new LogbackConfigurator();
    configurator.setContext(context);
    try {
      if (configurator.configure(context) == Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY) {
        new ContextInitializer(context).autoConfig();
      }
    } catch (JoranException | RuntimeException e) {
      Util.report("Failed to configure logback", e);
    }
    if (!StatusUtil.contextHasStatusListener(context)) {
      StatusPrinter.printInCaseOfErrorsOrWarnings(context);
    }
    context.start();
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return context;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return API_VERSION;
  }
}
