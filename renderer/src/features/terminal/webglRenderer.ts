import type { Terminal } from '@xterm/xterm';
import { WebglAddon } from '@xterm/addon-webgl';
import { terminalsUseWebgl } from './webglChoice';

/**
 * WebGL for a visible terminal when the page has a GPU behind it (see webglChoice), with xterm's DOM renderer
 * otherwise and as the fallback: Chromium keeps only ~16 WebGL contexts per page, so hidden terminals give theirs
 * back, and a lost or refused context simply leaves the DOM renderer. The terminal's element says which one draws
 * (`data-renderer`: webgl or dom).
 */
export class WebglRenderer {
  private addon: WebglAddon | null = null;

  constructor(private readonly term: Terminal) {}

  enable(): void {
    if (!this.addon && terminalsUseWebgl()) {
      try {
        const addon = new WebglAddon();
        addon.onContextLoss(() => this.disable());
        this.term.loadAddon(addon);
        this.addon = addon;
      } catch {
        this.addon = null;
      }
    }
    this.mark();
  }

  disable(): void {
    this.addon?.dispose();
    this.addon = null;
    this.mark();
  }

  get active(): boolean {
    return this.addon !== null;
  }

  private mark(): void {
    if (this.term.element) this.term.element.dataset.renderer = this.active ? 'webgl' : 'dom';
  }
}
