// In a real Chromium against the real browser host: the page's API round trip next to a bare fetch
// of a static file from the same host, and a click on Start analysis until its answer is painted.
import { chromium } from '@playwright/test';
import { chromiumLaunch } from '../e2e/playwright.config';
import { tempDir } from '../fixtures/core';
import { startBenchHost } from './host';
import { percentile } from './stats';

const RUNS = 30;
const TRIPS = 300;
const WARM_UP = 50;

export async function benchClickToAnswer() {
  const dataDir = tempDir('portal-bench-web-');
  const host = await startBenchHost(dataDir.path);
  const url = host.url;
  try {
    const browser = await chromium.launch(chromiumLaunch);
    try {
      const page = await browser.newPage();
      await page.goto(url);
      await page.evaluate(() => (location.hash = '#/access'));
      await page.locator('#f-cofor').fill('A10002');
      // The round trip from the page: the API call the analysis makes, next to a bare fetch of a
      // static file from the same host (index.html, never cached), interleaved, in the page itself.
      const trips = await page.evaluate(async (runs) => {
        const token = sessionStorage.getItem('portal.token');
        const api: number[] = [];
        const file: number[] = [];
        for (let i = 0; i < runs; i++) {
          let t0 = performance.now();
          await (await fetch('/', { cache: 'no-store' })).text();
          file.push(performance.now() - t0);
          t0 = performance.now();
          await (
            await fetch('/api/analyze', {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
              body: JSON.stringify({ cofor: i % 2 ? 'A10002' : 'A10003' }),
            })
          ).json();
          api.push(performance.now() - t0);
        }
        return { api, file };
      }, TRIPS);
      // A click on Start analysis until its answer is painted: the round trip, the rendering, a frame.
      const click: number[] = [];
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
      }
      const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y);
      const api = sorted(trips.api.slice(WARM_UP));
      const file = sorted(trips.file.slice(WARM_UP));
      click.sort((x, y) => x - y);
      return {
        clickMedian: percentile(click, 50),
        clickP95: percentile(click, 95),
        apiMedian: percentile(api, 50),
        apiP95: percentile(api, 95),
        fileMedian: percentile(file, 50),
        fileP95: percentile(file, 95),
      };
    } finally {
      await browser.close();
    }
  } finally {
    await host.stop();
    dataDir.remove();
  }
}
