import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable } from './browser';
import { startHarness, type Harness } from './harness';
import { nav, screenshot, visible } from './page-helpers';
import { SERVER_NAME } from './test-server';

const ADMIN_PASSWORD = 'admin-e2e-password';
const alice = `@alice:${SERVER_NAME}`;

/** The admin app in a real chromium against the real server: every page, driven like an operator. */
describe.runIf(chromiumAvailable())('admin app in a browser', () => {
  let h: Harness;
  let page: Page;
  let roomId = '';
  let aliceToken = '';
  let adminMessageId = '';

  beforeAll(async () => {
    h = await startHarness(ADMIN_PASSWORD);
    page = h.page;
  });
  afterAll(async () => h?.close());

  it('is served at /_courier/admin/ under a strict CSP; refuses a wrong password readably, then signs in', async () => {
    const res = await page.goto(`${h.server.baseUrl}/_courier/admin/`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("connect-src 'self'");
    expect(res?.headers()['x-frame-options']).toBe('DENY');
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('alert').getByText('M_FORBIDDEN'));
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('heading', { name: 'Overview' }));
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toContain('courier.admin.session');
  });

  it('creates a user, shows a duplicate as its errcode, and lists devices', async () => {
    await nav(page, 'Users');
    await page.getByText('Create a user').click();
    const form = page.getByRole('form', { name: 'Create a user' });
    await form.getByLabel('Username').fill('alice');
    await form.getByLabel('Password').fill('alice-password');
    await form.getByLabel('Display name').fill('Alice');
    await form.getByRole('button', { name: 'Create user' }).click();
    await visible(page.getByRole('status').getByText(alice));
    await visible(page.locator(`tr[data-user="${alice}"]`));
    await form.getByLabel('Username').fill('alice');
    await form.getByLabel('Password').fill('again');
    await form.getByRole('button', { name: 'Create user' }).click();
    await visible(page.getByRole('alert').getByText('M_USER_IN_USE'));
    aliceToken = await h.rest.login('alice', 'alice-password');
    await page.locator(`tr[data-user="${alice}"]`).getByRole('button', { name: 'Devices' }).click();
    await visible(page.getByRole('table', { name: `Devices of ${alice}` }));
    await screenshot(page, 'users');
  });

  it("shows a user's display name and avatar: the image from the media route, else the mxc:// text", async () => {
    const avatar = `mxc://${SERVER_NAME}/aliceavatar`;
    const set = await h.rest.call('PUT', `/_matrix/client/v3/profile/${encodeURIComponent(alice)}/avatar_url`, aliceToken, { avatar_url: avatar });
    expect(set.status).toBe(200);
    await nav(page, 'Overview');
    await nav(page, 'Users');
    const row = page.locator(`tr[data-user="${alice}"]`);
    await visible(row.getByText('Alice', { exact: true }));
    // No media of that ID exists, so the <img> fails and the URI is shown instead.
    await visible(row.getByText(avatar));
    expect(await row.locator('img.avatar').count()).toBe(0);
  });

  it('creates a room for alice and opens its page', async () => {
    await nav(page, 'Rooms');
    await page.getByText('Create a room').click();
    const form = page.getByRole('form', { name: 'Create a room' });
    await form.getByLabel('Creator').fill(alice);
    await form.getByLabel('Name').fill('Launch planning');
    await form.getByLabel('Topic').fill('Where the e2e test talks');
    await form.getByRole('button', { name: 'Create room' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Launch planning' }));
    roomId = decodeURIComponent(new URL(page.url()).hash.replace('#/rooms/', ''));
    expect(roomId).toMatch(new RegExp(`^!.+:${SERVER_NAME.replace('.', '\\.')}$`));
    await visible(page.getByTestId('live-state').getByText('live'));
  });

  it('sends from the room page and sees it arrive live, exactly once on a retry', async () => {
    const composer = page.getByRole('form', { name: 'Send a message' });
    await composer.getByLabel('As').selectOption(alice);
    const txnId = (await page.getByTestId('next-txn').textContent()) ?? '';
    await composer.getByLabel('Message').fill('Hello from the admin app');
    await composer.getByRole('button', { name: 'Send', exact: true }).click();
    await visible(page.getByTestId('sent-txn').getByText(txnId));
    adminMessageId = (await page.getByTestId('sent-event').textContent()) ?? '';
    expect(adminMessageId).toMatch(/^\$/);
    await visible(page.locator(`li[data-event-id="${adminMessageId}"]`).getByText('Hello from the admin app'));
    await page.getByRole('button', { name: 'Send again with the same txnId' }).click();
    await page.waitForTimeout(500);
    expect(await page.getByTestId('sent-event').textContent()).toBe(adminMessageId);
    expect(await page.getByRole('list', { name: 'Timeline' }).getByText('Hello from the admin app').count()).toBe(1);
  });

  it('shows an event sent through the REST API in the live timeline', async () => {
    const bob = await h.server.newUser('bob');
    await h.rest.inviteAndJoin(aliceToken, roomId, bob);
    const restId = await h.rest.send(aliceToken, roomId, 'm.room.message', { msgtype: 'm.text', body: 'Hello over REST' });
    await visible(page.locator(`li[data-event-id="${restId}"]`).getByText('Hello over REST'));
    await h.rest.annotate(aliceToken, roomId, adminMessageId, '★');
    await h.rest.annotate(bob.accessToken, roomId, adminMessageId, '★');
    await h.rest.annotate(bob.accessToken, roomId, adminMessageId, '✓');
    await h.rest.send(bob.accessToken, roomId, 'm.room.message', { msgtype: 'm.text', body: 'A reply in a thread', 'm.relates_to': { rel_type: 'm.thread', event_id: adminMessageId } });
    await visible(page.getByRole('list', { name: 'Timeline' }).getByText('A reply in a thread'));
    await visible(page.getByRole('list', { name: 'Timeline' }).getByText(`${bob.userId} → join`));
    // The join arrived live, so the members list refreshed without a reload.
    await visible(page.locator('.members').getByText(bob.userId));
    await screenshot(page, 'room');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'room-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('shows the room\'s aliases, marking the canonical one', async () => {
    const room = encodeURIComponent(roomId);
    const alias = `#launch:${SERVER_NAME}`;
    const put = await h.rest.call('PUT', `/_matrix/client/v3/directory/room/${encodeURIComponent(alias)}`, aliceToken, { room_id: roomId });
    expect(put.status).toBe(200);
    // The state event arrives live and makes the page reload the room, aliases included.
    await h.rest.call('PUT', `/_matrix/client/v3/rooms/${room}/state/m.room.canonical_alias/`, aliceToken, { alias });
    const aliases = page.locator('ul.aliases');
    await visible(aliases.getByText(alias));
    await visible(aliases.getByText('canonical'));
  });

  it('opens the event inspector with the PDU, relations and grouped annotations', async () => {
    await page.locator(`li[data-event-id="${adminMessageId}"] a`).first().click();
    await visible(page.getByTestId('inspected-event').getByText(adminMessageId));
    expect(await page.getByTestId('pdu').textContent()).toContain('"body": "Hello from the admin app"');
    const chips = page.getByRole('list', { name: 'Annotations' });
    expect(await chips.locator('li[data-key="★"] .chip-count').textContent()).toBe('2');
    expect(await chips.locator('li[data-key="✓"] .chip-count').textContent()).toBe('1');
    await visible(page.getByText('m.thread (1)'));
    await screenshot(page, 'event-inspector');
  });

  it('lists and searches rooms with their members and last activity', async () => {
    for (const name of ['Support desk', 'Release notes']) {
      expect((await h.rest.call('POST', '/_matrix/client/v3/createRoom', aliceToken, { name, preset: 'public_chat' })).status).toBe(200);
    }
    await nav(page, 'Rooms');
    const row = await visible(page.locator(`tr[data-room="${roomId}"]`));
    expect(await row.locator('td[data-label="Members"]').textContent()).toBe('2');
    expect(await row.locator('td[data-label="Version"]').textContent()).toMatch(/^\d+$/);
    await visible(page.getByRole('link', { name: 'Support desk' }));
    await screenshot(page, 'rooms');
    await page.getByRole('searchbox', { name: 'Search rooms' }).fill('launch');
    await page.waitForFunction(() => document.querySelectorAll('tr[data-room]').length === 1);
    await visible(page.getByRole('link', { name: 'Launch planning' }));
  });

  it('creates a service token (shown once), then revokes it', async () => {
    await nav(page, 'Service tokens');
    const form = page.getByRole('form', { name: 'Create a service token' });
    await form.getByLabel('Name').fill('e2e-bot');
    await form.getByRole('button', { name: 'Create token' }).click();
    const token = (await (await visible(page.getByTestId('new-token'))).textContent()) ?? '';
    expect(token).toMatch(/^cst_/);
    expect((await h.rest.gatewayQuery(token, 'events.get', { eventId: adminMessageId })).status).toBe(200);
    await form.getByLabel('Name').fill('metrics-job');
    await form.getByRole('checkbox', { name: 'stats:read' }).check();
    await form.getByRole('button', { name: 'Create token' }).click();
    await visible(page.locator('tr[data-token="metrics-job"]'));
    const row = page.locator('tr[data-token="e2e-bot"]');
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByRole('button', { name: 'Revoke' }).click();
    await visible(row.getByText(/^revoked/));
    const after = await h.rest.gatewayQuery(token, 'events.get', { eventId: adminMessageId });
    expect(after.status).toBe(401);
    expect(after.body.error?.data?.errcode).toBe('M_UNKNOWN_TOKEN');
    await screenshot(page, 'tokens');
  });

  it('charts live sends on the overview', async () => {
    await nav(page, 'Overview');
    await visible(page.locator('.chart').getByText('live'));
    for (let i = 0; i < 14; i++) {
      await h.rest.send(aliceToken, roomId, 'm.room.message', { msgtype: 'm.text', body: `burst ${i}` });
      await page.waitForTimeout(i % 5 === 0 ? 700 : 120);
    }
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="sends-seen"]')?.textContent) >= 14, undefined, { timeout: 15_000 });
    await visible(page.locator('[data-stat="Users"] .stat-value').getByText('3'));
    await visible(page.locator('[data-stat="Rooms"] .stat-value').getByText('3'));
    await screenshot(page, 'overview');
  });

  it('makes a user admin and back, resets a password, and deactivates after confirming', async () => {
    await nav(page, 'Users');
    const row = page.locator(`tr[data-user="${alice}"]`);
    await row.getByRole('button', { name: 'Make admin' }).click();
    await visible(row.getByText('admin', { exact: true }));
    await row.getByRole('button', { name: 'Remove admin' }).click();
    await visible(row.getByRole('button', { name: 'Make admin' }));
    await row.getByRole('button', { name: 'Reset password' }).click();
    const reset = page.getByRole('form', { name: `Reset the password of ${alice}` });
    await reset.getByLabel('New password').fill('alice-new-password');
    await reset.getByRole('button', { name: 'Set password' }).click();
    await visible(reset.getByText('Password changed'));
    expect((await h.rest.call('GET', '/_matrix/client/v3/account/whoami', aliceToken)).status).toBe(401);
    aliceToken = await h.rest.login('alice', 'alice-new-password');
    const bobRow = page.locator(`tr[data-user="@bob:${SERVER_NAME}"]`);
    await bobRow.getByRole('button', { name: 'Deactivate' }).click();
    await visible(bobRow.getByText(/^Deactivate @bob/));
    await bobRow.getByRole('button', { name: 'Deactivate' }).click();
    await visible(bobRow.getByText('deactivated'));
  });

  it('signs out, forgetting and revoking the token, with no console errors or CSP violations on the way', async () => {
    const stored = await page.evaluate(() => sessionStorage.getItem('courier.admin.session'));
    const token = (JSON.parse(stored ?? '{}') as { accessToken?: string }).accessToken ?? '';
    expect((await h.rest.call('GET', '/_matrix/client/v3/account/whoami', token)).status).toBe(200);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await visible(page.getByRole('button', { name: 'Sign in' }));
    expect(await page.evaluate(() => sessionStorage.getItem('courier.admin.session'))).toBeNull();
    await expect.poll(async () => (await h.rest.call('GET', '/_matrix/client/v3/account/whoami', token)).body['errcode']).toBe('M_UNKNOWN_TOKEN');
    expect(h.problems).toEqual([]);
  });
});
