package dev.lwqueue.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lwqueue.core.ChatMessage;
import dev.lwqueue.core.ChatTransport;
import dev.lwqueue.core.SubscribeOptions;
import dev.lwqueue.core.Subscription;
import dev.lwqueue.rabbitmq.RabbitMqTransport;
import dev.lwqueue.rabbitmq.TestBroker;
import dev.lwqueue.testkit.RecordingHandler;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The web chat in headless Chromium (Debian's chromium and chromium-driver, never downloaded):
 * two pages and a terminal subscriber see each other's messages, and hostile messages show as text
 * and run nothing.
 */
class WebChatBrowserTest {

  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  /** What the hostile messages would set if the page ran them. */
  private static final String IMG_PAYLOAD = "<img src=x onerror=\"window.__pwned='img'\">";
  private static final String SCRIPT_PAYLOAD = "<script>window.__pwned='script'</script>";
  private static final String SVG_PAYLOAD = "<svg onload=\"window.__pwned='svg'\"></svg>";

  private final String room = "lwqueue-test-web-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<WebDriver> browsers = new ArrayList<>();
  private final List<Path> profiles = new ArrayList<>();
  private ChatServer server;

  @BeforeEach
  void startServer() {
    server = ChatServer.start(
        new ServeOptions(new InetSocketAddress("127.0.0.1", 0), null, 4096, Duration.ofSeconds(10)),
        () -> RabbitMqTransport.connect(TestBroker.settings(room)));
  }

  @AfterEach
  void stop() throws IOException {
    browsers.forEach(WebDriver::quit);
    server.close();
    TestBroker.deleteExchange(room);
    for (Path profile : profiles) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  private WebDriver browser() throws IOException {
    return browser("/");
  }

  private WebDriver browser(String path) throws IOException {
    Path profile = Files.createTempDirectory("lwqueue-chromium-");
    profiles.add(profile);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
    WebDriver driver = new ChromeDriver(service, options);
    browsers.add(driver);
    driver.get("http://127.0.0.1:" + server.address().getPort() + path);
    await().atMost(Duration.ofSeconds(20)).until(() -> "connected".equals(driver.findElement(By.id("status")).getText()));
    return driver;
  }

  private static void send(WebDriver page, String username, String text) {
    WebElement name = page.findElement(By.id("username"));
    name.clear();
    name.sendKeys(username);
    ((JavascriptExecutor) page).executeScript("document.getElementById('message').value = arguments[0];", text);
    page.findElement(By.cssSelector("#send button")).click();
  }

  @SuppressWarnings("unchecked")
  private static List<String> shownTexts(WebDriver page) {
    return (List<String>) ((JavascriptExecutor) page).executeScript(
        "return Array.from(document.querySelectorAll('#messages li .text')).map(e => e.textContent);");
  }

  private static void awaitShown(WebDriver page, String text) {
    await().atMost(Duration.ofSeconds(20)).until(() -> shownTexts(page).contains(text));
  }

  @Test
  void twoPagesAndATerminalSubscriberSeeEachOthersMessages() throws Exception {
    RecordingHandler terminal = new RecordingHandler();
    try (ChatTransport transport = RabbitMqTransport.connect(TestBroker.settings(room));
        Subscription ignored = transport.subscribe(SubscribeOptions.temporary(), terminal)) {
      WebDriver alice = browser();
      WebDriver bob = browser();

      send(alice, "alice", "hi from alice's browser");
      awaitShown(bob, "hi from alice's browser");
      awaitShown(alice, "hi from alice's browser");
      terminal.awaitText("hi from alice's browser");

      send(bob, "bob", "and bob answers");
      awaitShown(alice, "and bob answers");
      terminal.awaitText("and bob answers");

      transport.publish(ChatMessage.stamped("carol", "carol from the terminal")).get();
      awaitShown(alice, "carol from the terminal");
      awaitShown(bob, "carol from the terminal");
      assertThat(bob.findElements(By.cssSelector("#messages li .user")).stream().map(WebElement::getText))
          .contains("alice:", "bob:", "carol:");
    }
  }

  @Test
  void withATokenThePageOpenedWithItStreamsAndSends() throws Exception {
    server.close();
    server = ChatServer.start(
        new ServeOptions(new InetSocketAddress("127.0.0.1", 0), "t0k en/+", 4096, Duration.ofSeconds(10)),
        () -> RabbitMqTransport.connect(TestBroker.settings(room)));
    WebDriver page = browser("/?access_token=t0k%20en%2F%2B");
    send(page, "dave", "sent with a token");
    awaitShown(page, "sent with a token");
  }

  @Test
  void hostileMessagesShowAsTextAndRunNothing() throws Exception {
    WebDriver alice = browser();
    WebDriver bob = browser();
    send(alice, "<b>mallory</b>", IMG_PAYLOAD);
    try (ChatTransport transport = RabbitMqTransport.connect(TestBroker.settings(room))) {
      transport.publish(ChatMessage.stamped("mallory", SCRIPT_PAYLOAD)).get();
      transport.publish(ChatMessage.stamped("<img src=y onerror=\"window.__pwned='name'\">", SVG_PAYLOAD)).get();
    }
    for (WebDriver page : List.of(alice, bob)) {
      awaitShown(page, IMG_PAYLOAD);
      awaitShown(page, SCRIPT_PAYLOAD);
      awaitShown(page, SVG_PAYLOAD);
      // Give an onerror handler (the image x fails at once) time to have run, had it been created.
      Thread.sleep(500);
      JavascriptExecutor js = (JavascriptExecutor) page;
      assertThat(js.executeScript("return window.__pwned === undefined;")).isEqualTo(true);
      assertThat(js.executeScript("return document.querySelectorAll('#messages img, #messages script, #messages svg, #messages b').length;"))
          .isEqualTo(0L);
      assertThat(page.findElements(By.cssSelector("#messages li .user")).stream().map(WebElement::getText))
          .contains("<b>mallory</b>:", "<img src=y onerror=\"window.__pwned='name'\">:");
    }
  }
}
