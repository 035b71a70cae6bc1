/**
 * Chromium features the desktop window runs without (`--disable-features`, set before the app is ready).
 *
 * DeferRendererTasksAfterInput: after a keydown, Chromium holds the page's deferrable tasks (a stream's message,
 * a worker's, timers) until the next frame has run. A terminal's echo arrives ~0.2 ms after its keystroke, so it
 * waited for that frame (the next vsync, up to 16.7 ms) and was then painted a frame later than it could be.
 * Measured in Chromium 156 on this project's keystroke bench: p50 2.2–2.3 ms without the deferral against
 * 5.9–10.8 ms with it, in alternating runs on the same loaded machine. `bench/keystrokeLatency.ts` launches its
 * Chromium with the same list.
 */
export const DISABLED_CHROMIUM_FEATURES = ['DeferRendererTasksAfterInput'] as const;
