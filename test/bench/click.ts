// Click-to-answer in a real Chromium against the real browser host, next to a bare fetch of the
// same API call from the same page (the part of the time the screen cannot remove).
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { chromiumLaunch } from '../e2e/playwright.config';
import { tempDir } from '../fixtures/core';
import { percentile } from './stats';

const RUNS = 30;

export async function benchClickToAnswer() {
  const dataDir = tempDir('portal-bench-web-');
  const host = spawn(process.execPath, [
    resolve(__dirname, '..', '..', 'dist', 'main', 'web.cjs'),
    '--port',
    '0',
    '--data-dir',
    dataDir.path,
  ]);
  try {
    const url = await new Promise<string>((ok, fail) => {
      let out = '';
      host.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /running at (\S+)/.exec(out);
        if (m?.[1]) ok(m[1]);
      });
      host.on('exit', () => fail(new Error(`host exited: ${out}`)));
    });
    const browser = await chromium.launch(chromiumLaunch);
    try {
      const page = await browser.newPage();
      await page.goto(url);
      await page.evaluate(() => (location.hash = '#/access'));
      await page.locator('#f-cofor').fill('A10002');
      const click: number[] = [];
      const fetched: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const cofor = i % 2 ? 'A10002' : 'A10003';
        await page.locator('#f-cofor').fill(cofor);
        click.push(
          await page.evaluate(async (c) => {
            const button = document.querySelector<HTMLButtonElement>('form.analysis-form button[type=submit]')!;
            const t0 = performance.now();
            button.click();
            while (!document.querySelector(`[data-situation] h2`)?.textContent?.includes(c)) {
              await new Promise(requestAnimationFrame);
            }
            return performance.now() - t0;
          }, cofor),
        );
        fetched.push(
          await page.evaluate(async (c) => {
            const token = sessionStorage.getItem('portal.token');
            const t0 = performance.now();
            await (
              await fetch('/api/analyze', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
                body: JSON.stringify({ cofor: c }),
              })
            ).json();
            await new Promise(requestAnimationFrame); // a frame, as the click's answer needs one to be seen
            return performance.now() - t0;
          }, cofor),
        );
      }
      click.sort((a, b) => a - b);
      fetched.sort((a, b) => a - b);
      return {
        clickMedian: percentile(click, 50),
        clickP95: percentile(click, 95),
        fetchMedian: percentile(fetched, 50),
        fetchP95: percentile(fetched, 95),
      };
    } finally {
      await browser.close();
    }
  } finally {
    host.kill('SIGTERM');
    dataDir.remove();
  }
}
