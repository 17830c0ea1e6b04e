import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DIALECTS } from '../../support/dialects.ts';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  type ApiClient,
  adminApi,
  browserSkipReason,
  ensureWebBuild,
  launchBrowser,
  openPage,
  type RunningServer,
  SAMPLE_PNG,
  saveScreenshot,
  seriousViolations,
  signInAgent,
  startServer,
} from './browser-support.ts';

/**
 * The web app in a real headless chromium against `tessera serve` on an empty database: an administrator
 * sets up a department and a help topic, a guest opens a ticket on the portal, an agent finds it, replies
 * and resolves it while a second agent watches it change live, and the requester confirms the fix.
 * The tests in a suite follow one another: each starts where the one before left the desk.
 */

let skip: string | false = false;
let missing: unknown = null;
try {
  skip = browserSkipReason() ?? false;
} catch (error) {
  missing = error;
}
if (missing) {
  it('runs the browser journeys (needs chromium)', () => {
    throw missing;
  });
}

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const LIVE_TIMEOUT = 15_000;

for (const dialect of missing ? [] : DIALECTS) {
  describe(`web app journeys [${dialect}]`, { skip, timeout: 180_000 }, () => {
    const isScreenshotRun = dialect === DIALECTS[0];
    let server: RunningServer;
    let api: ApiClient;
    let browser: Browser;
    let ticketNumber = '';

    const assertNoPageErrors = (page: Page & { errors: string[] }) =>
      assert.deepEqual(page.errors, [], `uncaught errors on ${page.url()}`);

    before(async () => {
      ensureWebBuild();
      server = await startServer(dialect);
      api = await adminApi(server.base);
      browser = await launchBrowser();
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('lets an administrator create a department and a help topic with a form field', async () => {
      const context = await browser.newContext({ viewport: DESKTOP });
      const page = await openPage(context);
      await signInAgent(page, server.base, ADMIN_EMAIL, ADMIN_PASSWORD);

      await page.getByRole('link', { name: 'Admin' }).click();
      await page.getByRole('link', { name: 'Departments' }).click();
      await page.getByRole('button', { name: 'New department' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Name').fill('Online Banking');
      await dialog.getByRole('button', { name: 'Create department' }).click();
      await page.getByRole('cell', { name: 'Online Banking', exact: true }).waitFor();

      // The API's answer to a taken name is shown beside the field, and nothing is created.
      await page.getByRole('button', { name: 'New department' }).click();
      await dialog.getByLabel('Name').fill('online banking');
      await dialog.getByRole('button', { name: 'Create department' }).click();
      await dialog
        .getByRole('alert')
        .filter({ hasText: /already/i })
        .waitFor();
      await dialog.getByRole('button', { name: 'Cancel' }).click();

      await page.getByRole('link', { name: 'Help topics' }).click();
      await page.getByRole('button', { name: 'New help topic' }).click();
      await dialog.getByLabel('Name').fill('Card payments');
      await dialog.getByLabel('Department').selectOption({ label: 'Online Banking' });
      await dialog.getByRole('button', { name: 'Create help topic' }).click();
      await page.getByRole('cell', { name: 'Card payments', exact: true }).waitFor();

      await page.getByRole('button', { name: 'Form fields of Card payments' }).click();
      await page.getByRole('button', { name: 'New field' }).click();
      await dialog.getByLabel('Label').fill('Card last digits');
      await dialog.getByLabel('Key').fill('card_digits');
      await dialog.getByLabel('Required').check();
      await dialog.getByRole('button', { name: 'Create field' }).click();
      await page.getByRole('cell', { name: 'Card last digits', exact: true }).waitFor();
      await saveScreenshot(page, 'admin-help-topics', isScreenshotRun);

      const topics = await api.call('GET', '/topics');
      const departments = await api.call('GET', '/departments');
      const banking = (departments.body.items as Array<{ id: number; name: string }>).find(
        (d) => d.name === 'Online Banking',
      );
      const topic = (topics.body.items as Array<{ name: string; departmentId: number }>).find(
        (t) => t.name === 'Card payments',
      );
      assert.equal(topic?.departmentId, banking?.id);
      assertNoPageErrors(page);
      await context.close();
    });

    it('lets a guest open a ticket with an attachment on the portal, on a phone', async () => {
      const context = await browser.newContext({ viewport: PHONE });
      const page = await openPage(context);
      await page.goto(`${server.base}/`);
      await saveScreenshot(page, 'portal-home', isScreenshotRun);
      await page
        .getByRole('link', { name: /Open a ticket/ })
        .first()
        .click();
      await page.getByLabel('Your email').fill('dana@example.com');
      await page.getByLabel('Your name').fill('Dana Reyes');
      await page.getByLabel('What is it about?').selectOption({ label: 'Card payments' });
      await page.getByLabel(/Card last digits/).fill('4242');
      await page.getByLabel('Subject').fill('Card payments fail at checkout');
      await page
        .getByLabel('Describe the problem')
        .fill('Every card payment fails with "declined" since this morning.');
      await page
        .locator('input[type=file]')
        .setInputFiles({ name: 'checkout-error.png', mimeType: 'image/png', buffer: SAMPLE_PNG });
      await page.getByRole('list', { name: 'Files to attach' }).getByText('checkout-error.png').waitFor();
      assert.equal(await page.locator('#website').isEditable(), true);
      assert.equal(
        await page.locator('#website').evaluate((input) => input.closest('[aria-hidden="true"]') !== null),
        true,
      );
      await saveScreenshot(page, 'portal-open-ticket', isScreenshotRun);
      await page.getByRole('button', { name: 'Send' }).click();
      ticketNumber = (await page.getByTestId('ticket-number').textContent()) ?? '';
      assert.match(ticketNumber, /^\d+$/);

      const ticket = await api.call('GET', `/tickets/${ticketNumber}`);
      assert.equal((ticket.body.fields as Record<string, unknown>).card_digits, '4242');
      const thread = await api.call('GET', `/tickets/${ticketNumber}/thread?events=false`);
      const [message] = thread.body.items as Array<{ attachments: Array<{ filename: string }> }>;
      assert.equal(message?.attachments[0]?.filename, 'checkout-error.png');
      assertNoPageErrors(page);
      await context.close();
    });

    it('lets an agent find the ticket, reply and resolve it while a second agent sees it change live', async () => {
      const departments = await api.call('GET', '/departments');
      const banking = (departments.body.items as Array<{ id: number; name: string }>).find(
        (d) => d.name === 'Online Banking',
      );
      const created = await api.call('POST', '/agents', {
        email: 'second@desk.example',
        name: 'Sam Second',
        password: 'second agent password',
        departmentId: banking?.id,
        roleId: 1,
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));

      const watcherContext = await browser.newContext({ viewport: DESKTOP });
      const watcher = await openPage(watcherContext);
      await signInAgent(watcher, server.base, 'second@desk.example', 'second agent password');
      await watcher.goto(`${server.base}/agent/tickets/${ticketNumber}`);
      await watcher.getByRole('heading', { name: /Card payments fail at checkout/ }).waitFor();

      const context = await browser.newContext({ viewport: DESKTOP });
      const page = await openPage(context);
      await signInAgent(page, server.base, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.getByRole('searchbox', { name: 'Search tickets' }).fill('checkout');
      await page.keyboard.press('Enter');
      await page.getByRole('link', { name: 'Card payments fail at checkout' }).waitFor();
      await saveScreenshot(page, 'console-ticket-list', isScreenshotRun);
      await page.getByRole('link', { name: 'Card payments fail at checkout' }).click();

      await page
        .getByTestId('presence-banner')
        .filter({ hasText: 'Sam Second' })
        .waitFor({ timeout: LIVE_TIMEOUT });
      await page.getByRole('img', { name: 'checkout-error.png' }).waitFor();

      await page
        .getByLabel(/Reply to Dana Reyes/)
        .fill('We found the cause: the card processor rejected our certificate.');
      await page.getByRole('button', { name: 'Send reply' }).click();
      await page
        .getByRole('article', { name: /Reply from/ })
        .filter({ hasText: 'card processor' })
        .waitFor();
      await watcher
        .getByRole('article', { name: /Reply from/ })
        .filter({ hasText: 'card processor' })
        .waitFor({ timeout: LIVE_TIMEOUT });

      await page.getByRole('button', { name: 'Resolve', exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Resolve ticket' }).click();
      await dialog.getByLabel('Problem identified').and(page.locator('[aria-invalid="true"]')).waitFor();
      await dialog.getByLabel('Problem identified').fill('The card processor certificate had expired.');
      await dialog
        .getByLabel('Action taken')
        .fill('Renewed the certificate and restarted the payment gateway.');
      await dialog.getByLabel('How the fix was confirmed').fill('Three test payments went through.');
      await dialog.getByLabel('Resolution code').selectOption('fixed');
      await saveScreenshot(page, 'console-resolve-dialog', isScreenshotRun);
      await dialog.getByRole('button', { name: 'Resolve ticket' }).click();
      await page.getByRole('heading', { name: 'Resolved: Fixed' }).waitFor();
      await saveScreenshot(page, 'console-ticket-resolved', isScreenshotRun);
      await watcher.getByRole('heading', { name: 'Resolved: Fixed' }).waitFor({ timeout: LIVE_TIMEOUT });

      const ticket = await api.call('GET', `/tickets/${ticketNumber}`);
      assert.equal(ticket.body.state, 'resolved');
      assertNoPageErrors(page);
      assertNoPageErrors(watcher);
      await context.close();
      await watcherContext.close();
    });

    it('lets the requester confirm the fix from the link in the resolution email', async () => {
      const ticket = await api.call('GET', `/tickets/${ticketNumber}`);
      const token = (ticket.body.resolution as { confirmationToken: string }).confirmationToken;
      const context = await browser.newContext({ viewport: PHONE });
      const page = await openPage(context);
      await page.goto(`${server.base}/confirm/${encodeURIComponent(token)}?action=reopen`);
      await page.getByRole('heading', { name: 'Card payments fail at checkout' }).waitFor();
      assert.equal(await page.getByRole('radio', { name: 'No, it is still broken' }).isChecked(), true);
      await page.getByRole('radio', { name: 'Yes, it works now' }).check();
      await saveScreenshot(page, 'portal-confirm', isScreenshotRun);
      await page.getByRole('button', { name: 'Confirm the fix' }).click();
      await page.getByTestId('confirm-outcome').filter({ hasText: 'closed' }).waitFor();
      assert.equal((await api.call('GET', `/tickets/${ticketNumber}`)).body.state, 'closed');
      assertNoPageErrors(page);
      await context.close();
    });

    it('sends an agent whose session ended to sign in and back to the same queue', async () => {
      const context = await browser.newContext({ viewport: DESKTOP });
      const page = await openPage(context);
      await signInAgent(page, server.base, ADMIN_EMAIL, ADMIN_PASSWORD);
      // The queue links appear once their counts have loaded; with the cookie cleared while that request
      // is still out, its 401 would end the session before the click this test is about.
      const resolvedQueue = page.getByRole('link', { name: /^Resolved/ });
      await resolvedQueue.waitFor();
      await page.keyboard.press('?');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor({ state: 'detached' });
      await context.clearCookies();
      await resolvedQueue.click();
      await page.getByText('Your session has ended').waitFor();
      await page.getByLabel('Email').fill(ADMIN_EMAIL);
      await page.getByLabel('Password').fill(ADMIN_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Resolved', level: 1 }).waitFor();
      assert.match(page.url(), /\/agent\/tickets\?queue=resolved$/);
      assertNoPageErrors(page);
      await context.close();
    });

    it('has no serious or critical accessibility violations on the main pages', async () => {
      const guest = await browser.newContext({ viewport: DESKTOP });
      const guestPage = await openPage(guest);
      const problems: string[] = [];
      for (const path of ['/', '/open', '/signin', '/check', '/agent/signin']) {
        await guestPage.goto(`${server.base}${path}`);
        await guestPage.getByRole('heading', { level: 1 }).first().waitFor();
        problems.push(...(await seriousViolations(guestPage)).map((problem) => `${path}: ${problem}`));
      }
      const context = await browser.newContext({ viewport: DESKTOP });
      const page = await openPage(context);
      await signInAgent(page, server.base, ADMIN_EMAIL, ADMIN_PASSWORD);
      const pages: Array<[string, string | null]> = [
        ['/agent/tickets?queue=closed', 'console-queue'],
        [`/agent/tickets/${ticketNumber}`, null],
        ['/agent/tickets/new', 'console-new-ticket'],
        ['/agent/admin/agents', null],
        ['/agent/admin/settings', null],
      ];
      for (const [path, screenshot] of pages) {
        await page.goto(`${server.base}${path}`);
        await page.getByRole('heading').first().waitFor();
        await page.waitForLoadState('networkidle').catch(() => undefined);
        if (screenshot) await saveScreenshot(page, screenshot, isScreenshotRun);
        problems.push(...(await seriousViolations(page)).map((problem) => `${path}: ${problem}`));
      }
      assert.deepEqual(problems, []);
      assertNoPageErrors(guestPage);
      assertNoPageErrors(page);
      await guest.close();
      await context.close();
    });
  });
}
