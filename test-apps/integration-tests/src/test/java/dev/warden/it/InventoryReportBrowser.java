package dev.warden.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Opens an HTML report in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, driven through
 * Selenium) as a person would, and reports what it shows: the chart's bars, the table's rows, what the "shadow
 * endpoints only" filter leaves, a screenshot, and every warning or error the browser logged (a script error, a
 * blocked request, a Content Security Policy violation). Without Chromium the calling test is skipped, saying so.
 */
final class InventoryReportBrowser {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Logged by the test itself: proves the browser's log is read at all. */
    private static final String PROBE = "warden-log-probe";

    private InventoryReportBrowser() {
    }

    /**
     * @param problems        the browser's warnings and errors (empty when the page is clean)
     * @param chartBars       endpoints drawn in the chart
     * @param tableRows       rows of the endpoints table
     * @param shadowRowsShown rows left visible by the "shadow endpoints only" filter
     * @param screenshot      where the screenshot was written
     */
    record Rendered(List<String> problems, int chartBars, int tableRows, int shadowRowsShown, Path screenshot) {
    }

    static Rendered render(Path html, Path screenshot) throws IOException, InterruptedException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            System.err.println("InventoryTest: no " + CHROMIUM + " or " + CHROMEDRIVER
                    + ": the HTML report is not rendered (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(present, "headless Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER + ")");
        Path profile = Files.createTempDirectory(Locations.workDir(), "chromium-profile-");
        Path logs = Locations.workDir().resolve("logs");
        Files.createDirectories(logs);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--user-data-dir=" + profile, "--window-size=1280,2400");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(logs.resolve("chromedriver.log").toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.get(html.toUri().toString());
            awaitLoaded(driver);
            int bars = driver.findElements(By.cssSelector("#chart g.row")).size();
            int rows = driver.findElements(By.cssSelector("#endpoints tbody tr")).size();
            Files.write(screenshot, driver.getScreenshotAs(OutputType.BYTES));
            driver.findElement(By.id("shadow-only")).click();
            int shadows = driver.findElements(By.cssSelector("#endpoints tbody tr:not(.hidden)")).size();
            ((JavascriptExecutor) driver).executeScript("console.error(arguments[0])", PROBE);
            return new Rendered(problems(driver.manage().logs().get(LogType.BROWSER).getAll()), bars, rows, shadows, screenshot);
        } finally {
            driver.quit();
            service.stop();
            deleteTree(profile);
        }
    }

    /** The page's script draws the chart as the page loads (it ends the body): once loaded, it ran or it failed. */
    private static void awaitLoaded(ChromeDriver driver) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            if ("complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState"))) return;
            Thread.sleep(50);
        }
    }

    private static List<String> problems(List<LogEntry> entries) {
        List<String> problems = new ArrayList<>();
        boolean probe = false;
        for (LogEntry e : entries) {
            if (e.getMessage().contains(PROBE)) {
                probe = true;
            } else if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
                problems.add(e.getLevel() + " " + e.getMessage());
            }
        }
        if (!probe) problems.add("the browser's log could not be read (the probe message is not in it)");
        return problems;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
