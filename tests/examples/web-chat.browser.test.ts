import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarQuestion } from '../../examples/arabic-assistant/web/script.js';
import { startWebChat, type WebChat } from '../../examples/arabic-assistant/web/server.js';
import { chromiumPath } from '../package/browser-check.js';

/** Where the screenshot is kept for people to look at (gitignored; nothing uploads it, so look at it locally). */
const ARTIFACTS = path.resolve('tmp/artifacts');

let chat: WebChat;
let browser: Browser;
beforeAll(async () => {
  chat = await startWebChat({ env: {} });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await chat?.close();
});

describe('the Arabic assistant web chat in headless Chromium', () => {
  it('streams an Arabic answer right-to-left with its route tag, and an approved tool call finishes the turn', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    await page.goto(chat.url);
    await page.fill('#input', calendarQuestion);
    await page.click('#send');

    const answer = page.locator('article.assistant').first();
    // The first step streams Arabic text, then the date tool runs; the calendar call waits for approval.
    await answer.locator('.tool[data-state="approval-requested"]').waitFor({ timeout: 15_000 });
    expect(await answer.getAttribute('dir')).toBe('rtl');
    expect(await answer.locator('.tag.route').textContent()).toBe('route: arabic');
    expect(await answer.locator('.text').first().textContent()).toBe(
      'سأحوّل التاريخ الهجري إلى الميلادي أولاً.',
    );
    expect(await answer.locator('.tool[data-state="output-available"] .name').textContent()).toContain(
      'convert_date',
    );
    expect(await answer.locator('.tool .name').nth(1).textContent()).toContain('add_calendar_event');
    expect(chat.calendar).toEqual([]);

    await answer.locator('button.approve').click();
    await answer.locator('.cost').waitFor({ timeout: 15_000 });
    await expect
      .poll(() => answer.locator('.text').last().textContent())
      .toBe('تمت إضافة «إفطار العائلة» إلى تقويمك يوم ١١ مارس ٢٠٢٤، الموافق ١ رمضان ١٤٤٥ هـ.');
    expect(await answer.locator('.tool[data-state="output-available"]').count()).toBe(2);
    // The cost line of the paused phase (2 steps) is replaced when the resumed turn finishes: wait for it.
    await expect
      .poll(() => answer.locator('.cost').textContent(), { timeout: 15_000 })
      .toMatch(/tokens · \$\d+\.\d{6} · 3 steps/u);
    expect(chat.calendar).toEqual([{ title: 'إفطار العائلة', date: '2024-03-11' }]);
    const userTurn = page.locator('article.user').first();
    expect(await userTurn.getAttribute('dir')).toBe('rtl');
    // Right-to-left really laid out: the text's right edge sits at the bubble's right side.
    const layout = await answer.evaluate((element) => getComputedStyle(element).direction);
    expect(layout).toBe('rtl');

    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-chat.png'), fullPage: true });
    await page.close();
  }, 60_000);
});
