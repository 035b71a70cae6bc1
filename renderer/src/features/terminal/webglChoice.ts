/**
 * GL renderers that draw on the CPU (Chromium's SwiftShader, Mesa's llvmpipe/softpipe, Windows' Basic Render
 * Driver). Without a GPU the page is also composited in software, so every frame xterm draws with WebGL is read
 * back from the GPU process synchronously (a ReadPixels that blocks the page's main thread): measured in Chromium
 * on a 2-core VM, 29–31 ms of browser CPU per echoed keystroke with WebGL against 10–11 ms with xterm's DOM
 * renderer. A user on a VM or remote desktop without a GPU is better served by the DOM renderer.
 */
const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software|basic render driver/i;

/** Whether WebGL through this GL renderer (as WebGL reports its name) is worth using for a terminal. */
export function hardwareGl(rendererName: string | null): boolean {
  return rendererName !== null && !SOFTWARE_GL.test(rendererName);
}

/** The GL renderer's name behind WebGL 2 in this page, or null when the page gets no WebGL 2 at all. */
function probeGlRenderer(): string | null {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  // Chromium keeps only ~16 contexts per page: give this one back now rather than at garbage collection.
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return name;
}

let useWebgl: boolean | null = null;

/** Whether terminals draw with WebGL in this page (asked once; the GPU does not come and go). */
export function terminalsUseWebgl(): boolean {
  useWebgl ??= hardwareGl(probeGlRenderer());
  return useWebgl;
}
