package io.switchboard.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The wallboard in headless Chromium (Debian's chromium + chromium-driver): it goes live and its figures change. */
class WallboardBrowserTest {
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final File CHROMIUM = new File("/usr/bin/chromium");

    static ApiTestNode api;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(CHROMEDRIVER.canExecute() && CHROMIUM.canExecute(),
                "needs chromium and chromium-driver (see .ci/prerequisites)");
        api = new ApiTestNode().start();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("wallboard-chromium"));
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void showsLiveFiguresAndPlacesACallFromThePhonePanel() {
        browser.get(api.node.apiUrl() + "/wallboard?token=" + ApiTestNode.TOKEN);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.ignoring(StaleElementReferenceException.class).ignoring(NumberFormatException.class);
        wait.until(b -> b.findElement(By.id("connection")).getText().equals("live"));
        wait.until(b -> !b.findElements(By.id("queue-support")).isEmpty());
        long offeredBefore = figure("offered");
        assertTrue(agentsLine().startsWith("Agents"), agentsLine());

        browser.findElement(By.id("phone-call")).click();
        wait.until(b -> b.findElement(By.id("phone-status")).getText().startsWith("calling support"));
        wait.until(b -> figure("offered") > offeredBefore);

        browser.findElement(By.id("phone-hangup")).click();
        wait.until(b -> b.findElement(By.id("phone-status")).getText().equals("hung up"));
        assertEquals("true", browser.findElement(By.id("phone-press")).getAttribute("disabled"));
    }

    /** Read in one script call: the page redraws its cards, so element references go stale. */
    private static long figure(String name) {
        return Long.parseLong(text("#queue-support [data-figure='" + name + "'] .value").trim());
    }

    private static String agentsLine() {
        return text("#queue-support .agents");
    }

    private static String text(String selector) {
        return String.valueOf(((JavascriptExecutor) browser).executeScript(
                "var e = document.querySelector(arguments[0]); return e ? e.textContent : '';", selector));
    }
}
