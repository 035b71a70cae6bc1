import type { Terminal } from '@xterm/xterm';
import { WebglAddon } from '@xterm/addon-webgl';

/**
 * WebGL for a visible terminal, with xterm's DOM renderer as the fallback: Chromium keeps only ~16 WebGL contexts
 * per page, so hidden terminals give theirs back, and a lost or refused context simply leaves the DOM renderer.
 */
export class WebglRenderer {
  private addon: WebglAddon | null = null;

  constructor(private readonly term: Terminal) {}

  enable(): void {
    if (this.addon) return;
    try {
      const addon = new WebglAddon();
      addon.onContextLoss(() => this.disable());
      this.term.loadAddon(addon);
      this.addon = addon;
    } catch {
      this.addon = null;
    }
  }

  disable(): void {
    this.addon?.dispose();
    this.addon = null;
  }

  get active(): boolean {
    return this.addon !== null;
  }
}
