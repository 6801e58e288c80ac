package cn.zhiban.portal;

import cn.zhiban.support.Api;
import cn.zhiban.support.Runs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import cn.zhiban.support.TestTokens;
import cn.zhiban.support.WithTestPolicies;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end in headless Chromium (Debian's, installed by scripts/install-browser.sh): an enterprise
 * signs in, sees a matched policy and confirms its grant; the calculator prints a report; policy staff
 * activate a version. Each test saves a screenshot under target/screenshots/.
 */
@QuarkusTest
@TestProfile(WithTestPolicies.class)
class BrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static WebDriver browser;

    @TestHTTPResource("/")
    URL base;
    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;
    /** The service's clock (started on a fixed date in tests): the run is for the day the pages show. */
    @jakarta.inject.Inject
    java.time.Clock clock;

    @BeforeAll
    static void startBrowser() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1600", "--user-data-dir=" + Files.createTempDirectory("zhiban-chromium"));
        // The driver and the browser decide no dates (the service does, with its clock); they run without the
        // suite's faked date when the suite runs under faketime (chromedriver dies of libfaketime: exit 133).
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .withEnvironment(Map.of("LD_PRELOAD", "")).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Waits for an element of the page a click navigated to (a click returns before the next page has loaded). */
    private static WebElement await(By by) {
        return new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(15))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(by));
    }

    private void open(String path) {
        browser.get(base.toString().replaceAll("/$", "") + path);
    }

    private void signIn(String bearer) {
        browser.manage().deleteAllCookies();
        open("/login");
        await(By.id("token")).sendKeys(bearer.substring("Bearer ".length()));
        browser.findElement(By.id("sign-in")).click();
    }

    private static void screenshot(String name) throws IOException {
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void anEnterpriseSeesItsPolicyAndConfirmsItsGrant() throws IOException {
        String uscc = Api.newUscc();
        Map<String, Object> profile = Api.enterprise("A", "A");
        profile.put("name", "成都浏览器测试有限公司");
        profile.put("regionCode", "510107");
        profile.put("attributes", Map.of("suite", "flow"));
        Api.putEnterprise(uscc, profile).statusCode(201);
        String run = Api.post("/api/v1/policies/T-FLOW-2026/runs", Map.of("asOf", java.time.LocalDate.now(clock).toString()))
                .statusCode(202).extract().path("id");
        Runs.finished(run);

        signIn(TestTokens.enterprise(uscc));
        WebElement policy = await(By.cssSelector("#eligible .policy[data-policy='T-FLOW-2026']"));
        assertTrue(policy.getText().contains("8000.00 元"), policy.getText());
        screenshot("enterprise-policies");

        browser.findElement(By.linkText("待确认补贴")).click();
        screenshot("enterprise-grants");
        WebElement grant = await(By.cssSelector("section.grant[data-state='OFFERED']"));
        String grantId = grant.getAttribute("data-grant");
        grant.findElement(By.name("bankAccount")).sendKeys("6222021234567890123");
        grant.findElement(By.cssSelector("button.confirm")).click();
        assertTrue(await(By.id("flash")).getText().contains("已确认"));
        screenshot("enterprise-grant-confirmed");

        // the database shows it confirmed, with the account and an audited transition
        try (var connection = dataSource.getConnection();
             var query = connection.prepareStatement("select g.state, g.bank_account, (select count(*) from grant_event e where e.grant_id = g.id and e.to_state = 'CONFIRMED') from grant_offer g where g.id = ?")) {
            query.setObject(1, java.util.UUID.fromString(grantId));
            try (var row = query.executeQuery()) {
                assertTrue(row.next());
                assertEquals("CONFIRMED", row.getString(1));
                assertEquals("6222021234567890123", row.getString(2));
                assertEquals(1, row.getInt(3));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        // another enterprise's data is not reachable with this cookie: the API answers 403 with its Chinese problem
        Map<?, ?> answer = fetchFromPage("/api/v1/enterprises/91510107MA6LGA5KXD/grants");
        assertEquals(403L, answer.get("status"), answer.toString());
        assertTrue(String.valueOf(answer.get("type")).startsWith("application/problem+json"), answer.toString());
        Map<?, ?> problem = (Map<?, ?>) answer.get("body");
        assertEquals("无权访问", problem.get("title"), answer.toString());
        assertEquals("令牌的角色或所属企业不允许此操作", ((Map<?, ?>) ((List<?>) problem.get("errors")).get(0)).get("reason"), answer.toString());
    }

    /** A GET sent by the page itself (with the page's cookie): its status, content type and JSON body. */
    private static Map<?, ?> fetchFromPage(String path) {
        Object answer = ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'})
                  .then(r => r.json().then(body => done({status: r.status, type: r.headers.get('content-type'), body: body})))
                  .catch(e => done({error: String(e)}));
                """, path);
        return (Map<?, ?>) answer;
    }

    @Test
    void theCalculatorProducesAPrintableReport() throws IOException {
        browser.manage().deleteAllCookies();
        open("/calculator");
        await(By.id("industryCode")).sendKeys("C1391");
        browser.findElement(By.id("insuredEmployees")).sendKeys("45");
        browser.findElement(By.id("revenue")).sendKeys("38500000");
        browser.findElement(By.id("unemploymentInsurancePaid")).sendKeys("86400");
        browser.findElement(By.id("graduatesHired")).sendKeys("3");
        assertEquals("510107", browser.findElement(By.id("regionCode")).getAttribute("value"), "the form's district, which the amounts below assume");
        browser.findElement(By.id("estimate")).click();
        assertTrue(await(By.id("report")).getText().contains("政策测算报告"));
        screenshot("calculator-report");

        // Computed here from the policy files' own numbers. The form starts in Wuhou district, Chengdu (510107);
        // with what was entered only two policies can be decided: 一次性扩岗补助 (nationwide) and 一次性吸纳就业补贴
        // (Sichuan), both so much per graduate hired. The others need data not entered (founding date, R&D expense,
        // qualifications, attributes) or exclude this profile (N-CBJ-2023: at most 30 staff).
        BigDecimal expected = BigDecimal.ZERO;
        List<String> titles = new java.util.ArrayList<>();
        for (String id : List.of("N-KGBZ-2026", "S-XNJY-2024")) {
            JsonNode policy = new ObjectMapper(new YAMLFactory()).readTree(Path.of("policy-data/policies/" + id + ".yaml").toFile());
            JsonNode perUnit = policy.path("benefit").path("lines").get(0).path("perUnit");
            assertEquals("graduatesHired", perUnit.path("field").asText(), id);
            BigDecimal amount = perUnit.path("amount").decimalValue().multiply(BigDecimal.valueOf(3));
            for (JsonNode cap : List.of(perUnit.path("cap"), policy.path("perEnterpriseCap"))) {
                amount = cap.isNumber() ? amount.min(cap.decimalValue()) : amount;
            }
            expected = expected.add(amount);
            titles.add(policy.path("title").asText());
        }
        String total = await(By.id("total")).getText();
        assertTrue(total.endsWith(" 元"), total);
        assertEquals(0, expected.compareTo(new BigDecimal(total.substring(0, total.length() - 2).replace(",", ""))), total + " ≠ " + expected);
        List<String> eligible = browser.findElements(By.cssSelector("div.card strong")).stream().map(WebElement::getText).sorted().toList();
        assertEquals(titles.stream().sorted().toList(), eligible);
    }

    @Test
    void policyStaffActivateAVersionAfterConfirming() throws IOException {
        Map<String, String> files = new java.util.TreeMap<>();
        cn.zhiban.rulesets.RuleSetKind.ACCEPTANCE.fromRepository(Path.of("rules"), Path.of("policy-data")).files()
                .forEach((path, content) -> files.put(path, new String(content, java.nio.charset.StandardCharsets.UTF_8)));
        files.put("rules/acceptance/tests/browser.yaml", "tests: []\n");
        int number = Api.post("/api/v1/rulesets/acceptance/versions", Map.of("comment", "浏览器测试版本", "files", files))
                .statusCode(201).extract().path("number");

        signIn(TestTokens.staff("wang.wu"));
        await(By.cssSelector("section.ruleset[data-ruleset='acceptance'] tr.version[data-version='" + number + "'] a.activate")).click();
        WebElement confirm = await(By.id("confirm"));
        screenshot("staff-confirm-activation");
        confirm.click();
        assertTrue(await(By.id("flash")).getText().contains("已启用 acceptance 版本 " + number));
        screenshot("staff-activated");
        List<Integer> active = get("/api/v1/rulesets/acceptance/versions").then().extract().path("findAll { it.active }.number");
        assertEquals(List.of(number), active);
        // leave the rules as the other tests of this profile expect them
        Api.post("/api/v1/rulesets/acceptance/rollback", Map.of()).statusCode(200);
    }
}
