package io.switchboard.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
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

/**
 * The wallboard in headless Chromium (Debian's chromium + chromium-driver): it goes live, shows the agents by state,
 * and its figures and agents change as a call placed from the phone panel is answered there by the panel's agent.
 */
class WallboardBrowserTest {
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final File CHROMIUM = new File("/usr/bin/chromium");

    static ApiTestNode api;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        boolean browserInstalled = CHROMEDRIVER.canExecute() && CHROMIUM.canExecute();
        String needs = "needs chromium and chromium-driver (see .ci/prerequisites)";
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(browserInstalled, needs + ": CI runs this test or fails");
        } else {
            assumeTrue(browserInstalled, needs);
        }
        // one demo caller only and no demo room: the calls and rooms on the board are the test's
        api = new ApiTestNode("switchboard.demo { calls-per-minute = 0.01, conference-talkers = 0 }").start();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox", "--window-size=1400,900",
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
    void aCallPlacedFromThePhonePanelIsAnsweredThereAndTheBoardFollows() throws Exception {
        browser.get(api.node.apiUrl() + "/wallboard?token=" + ApiTestNode.TOKEN);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.ignoring(StaleElementReferenceException.class).ignoring(NumberFormatException.class);
        wait.until(b -> b.findElement(By.id("connection")).getText().equals("live"));
        wait.until(b -> !b.findElements(By.id("queue-support")).isEmpty());
        wait.until(b -> agentState("panel").equals("paused"));
        assertEquals("panel", text("#queue-support tr[data-agent='panel'] .reason"));
        assertTrue(text("#queue-support tr[data-agent='panel'] .time").matches("\\d+:\\d\\d"),
                text("#queue-support tr[data-agent='panel'] .time"));

        // the demo's agents answer by themselves: out of the way, so that the call rings at the panel's phone
        for (String demoAgent : List.of("agent1", "agent2", "agent3")) {
            assertEquals(200, api.post("/api/agents/" + demoAgent + "/pause", "{\"reason\":\"test\"}").status());
        }
        // (an agent talking to the demo's caller pauses when that call is over)
        wait.until(b -> count("AVAILABLE") == 0 && text("#queue-support .callers").equals("none"));
        click("agent-ready");
        wait.until(b -> agentState("panel").equals("available") && count("AVAILABLE") == 1);
        long answeredBefore = figure("answered");
        long offeredBefore = figure("offered");

        click("phone-call");
        wait.until(b -> b.findElement(By.id("phone-status")).getText().startsWith("calling support"));
        // "calling support (<channelId>)"
        String calling = text("#phone-status");
        String channelId = calling.substring(calling.indexOf('(') + 1, calling.length() - 1);
        wait.until(b -> agentState("panel").equals("ringing") && b.findElement(By.id("agent-answer")).isEnabled());
        click("agent-answer");
        wait.until(b -> agentState("panel").equals("on call") && count("ON_CALL") >= 1);
        long onCall = count("ON_CALL");
        wait.until(b -> figure("answered") == answeredBefore + 1 && figure("offered") == offeredBefore + 1);
        assertEquals("on call", browser.findElement(By.id("agent-state")).getText());

        click("agent-hangup");
        wait.until(b -> !agentState("panel").equals("on call") && count("ON_CALL") < onCall);
        wait.until(b -> text("#queue-support .callers").equals("none"));

        // the call ended at the agent's end: the phone panel learns it on its next press
        api.await("/api/calls/demo/" + channelId, answer -> answer.status() == 404);
        assertTrue(browser.findElement(By.id("phone-press")).isEnabled());
        browser.findElement(By.id("phone-digits")).sendKeys("1");
        click("phone-press");
        wait.until(b -> text("#phone-status").equals("call ended"));
        assertFalse(browser.findElement(By.id("phone-press")).isEnabled());
        assertFalse(browser.findElement(By.id("phone-hangup")).isEnabled());
    }

    @Test
    void aMemberWhoTalksShowsAsTalkingInTheConferencesSectionUntilSilentAndIsMutedFromThere() throws Exception {
        browser.get(api.node.apiUrl() + "/wallboard?token=" + ApiTestNode.TOKEN);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(b -> b.findElement(By.id("connection")).getText().equals("live"));
        assertEquals(201, api.post("/api/conferences", "{\"room\": \"standup\"}").status());
        ApiTestNode.Answer invited = api.post("/api/conferences/standup/members",
                "{\"endpoint\": \"PJSIP/caller\", \"callerId\": \"Dana <5550177>\"}");
        assertEquals(201, invited.status(), invited.text());
        String member = invited.body().get("channelId").asText();
        String row = "#conferences .room[data-room='standup'] tr[data-member='" + member + "']";
        wait.until(b -> text(row).contains("Dana"));
        assertFalse(text(row).contains("talking"));

        api.node.simulator().orElseThrow().calls().talk(member, Duration.ofSeconds(2));
        wait.until(b -> text(row).contains("talking") && text("#conferences .room[data-room='standup'] .room-state")
                .contains("1 talking"));
        // Asterisk says the talk is over once 2.5 s of silence followed it
        wait.until(b -> !text(row).contains("talking") && !text(row).isEmpty());

        browser.findElement(By.cssSelector(row + " button.mute")).click();
        wait.until(b -> text(row).contains("muted"));
        assertTrue(api.get("/api/conferences/standup").body().get("members").get(0).get("muted").asBoolean());

        assertEquals(200, api.post("/api/conferences/standup/members/" + member + "/kick", null).status());
        wait.until(b -> b.findElements(By.cssSelector("#conferences .room[data-room='standup']")).isEmpty());
    }

    private static void click(String id) {
        browser.findElement(By.id(id)).click();
    }

    private static String agentState(String agentId) {
        return text("#queue-support tr[data-agent='" + agentId + "'] .state");
    }

    /** The queue's count of agents in {@code state}. */
    private static long count(String state) {
        return Long.parseLong(text("#queue-support [data-count='" + state + "'] b").trim());
    }

    /** Read in one script call: the page redraws its cards, so element references go stale. */
    private static long figure(String name) {
        return Long.parseLong(text("#queue-support [data-figure='" + name + "'] .value").trim());
    }

    private static String text(String selector) {
        return String.valueOf(((JavascriptExecutor) browser).executeScript(
                "var e = document.querySelector(arguments[0]); return e ? e.textContent : '';", selector));
    }
}
