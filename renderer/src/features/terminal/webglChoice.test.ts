import { describe, expect, it } from 'vitest';
import { hardwareGl } from './webglChoice';

describe('hardwareGl', () => {
  it('refuses the software rasterizers WebGL falls back to without a GPU', () => {
    for (const name of [
      // Debian's Chromium 156 headless with --disable-gpu (this machine, CI).
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      'Google SwiftShader',
      'llvmpipe (LLVM 15.0.6, 256 bits)',
      'ANGLE (Mesa, llvmpipe (LLVM 15.0.6 256 bits), OpenGL 4.5)',
      'softpipe',
      'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)',
    ])
      expect(hardwareGl(name), name).toBe(false);
  });

  it('accepts GPUs, and no WebGL at all is no WebGL', () => {
    for (const name of [
      'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)',
      'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)',
      'ANGLE (AMD, AMD Radeon Graphics (radeonsi, renoir, LLVM 15.0.7, DRM 3.49), OpenGL 4.6)',
      'ANGLE (Apple, ANGLE Metal Renderer: Apple M1, Unspecified Version)',
      'Mali-G52',
    ])
      expect(hardwareGl(name), name).toBe(true);
    expect(hardwareGl(null)).toBe(false);
  });
});
