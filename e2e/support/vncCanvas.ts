import type { Page } from '@playwright/test';
import type { Rgb } from '../../lab/vnc/grab';

/** The frame noVNC has drawn, read back from its canvas (full framebuffer resolution whatever the scaling). */
export async function canvasFrame(page: Page, root = '.console-pane'): Promise<Rgb> {
  const { width, height, data } = await page.locator(`${root} canvas`).evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d')!;
    const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return { width: canvas.width, height: canvas.height, data: Array.from(image.data) };
  });
  const rgb = new Uint8Array(width * height * 3);
  for (let p = 0; p < width * height; p++) rgb.set(data.slice(p * 4, p * 4 + 3), p * 3);
  return { width, height, rgb };
}
