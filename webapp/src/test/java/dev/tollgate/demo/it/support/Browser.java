package dev.tollgate.demo.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: a person at a desktop browser.
 *
 * <p>The paths come from the system properties {@code chromium.binary} (default {@code /usr/bin/chromium}) and
 * {@code webdriver.chrome.driver} (default {@code /usr/bin/chromedriver}). Both are given to Selenium explicitly, so
 * it never runs Selenium Manager, which would otherwise look for (and download) a browser and a driver.
 */
public final class Browser implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a browser with a fresh profile: no cookies, no history. */
    public static Browser open() throws IOException {
        File chromium = existing("chromium.binary", "/usr/bin/chromium");
        File chromedriver = existing("webdriver.chrome.driver", "/usr/bin/chromedriver");
        Path profile = Files.createTempDirectory("tollgate-demo-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        // headless as root (CI) without a network: no sandbox, no GPU, and nothing that calls home or stalls on a
        // refused connection
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--disable-extensions", "--disable-default-apps",
                "--lang=en-US", "--window-size=1200,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver)
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    /** The driver, for what this class does not wrap. */
    public ChromeDriver driver() {
        return driver;
    }

    /** Opens a page. */
    public void open(String url) {
        driver.get(url);
    }

    /** The current address. */
    public String url() {
        return driver.getCurrentUrl();
    }

    /** Finds the element with this CSS selector, waiting for it to appear. */
    public WebElement find(String css) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    /** Tells whether the current page has an element with this CSS selector. */
    public boolean has(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    /** Types into the field with this CSS selector, replacing what was there. */
    public void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /** Clicks the element with this CSS selector. */
    public void click(String css) {
        find(css).click();
    }

    /** Waits until the address's path is this one (the query may follow). */
    public void awaitPath(String path) {
        new WebDriverWait(driver, WAIT).withMessage(() -> "expected the path " + path + " but the browser is at "
                + driver.getCurrentUrl() + " showing: " + text("body"))
                .until(d -> java.net.URI.create(d.getCurrentUrl()).getPath().equals(path));
    }

    /** The visible text of the element with this CSS selector. */
    public String text(String css) {
        return find(css).getText();
    }

    /** Saves what the browser shows, at the given window size, into a PNG file. */
    public Path screenshot(Path file, int width, int height) {
        Dimension before = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new Dimension(width, height));
            Files.createDirectories(file.getParent());
            File shot = driver.getScreenshotAs(OutputType.FILE);
            return Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static File existing(String property, String fallback) {
        File file = new File(System.getProperty(property, fallback));
        if (!file.canExecute()) {
            throw new IllegalStateException(file + " not found: install Debian's chromium and chromium-driver, or"
                    + " set -D" + property + "=PATH");
        }
        return file;
    }
}
