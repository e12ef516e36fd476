import { describe, expect, it, vi } from 'vitest';
import { resolveMapConfig } from './config';
import { PROVIDER_LOADERS } from './loader';

describe('R-7.5 map provider chosen by configuration', () => {
  it('defaults to the self-hosted map with the offline demo basemap', () => {
    const c = resolveMapConfig({});
    expect(c.provider).toBe('selfhosted');
    expect(c.tileUrl).toBeUndefined();
    expect(c.tileDatum).toBe('gcj02');
    expect(c.tileMaxZoom).toBe(18);
    expect(c.fallback).toBeUndefined();
  });

  it('uses a production tile server with its datum, attribution (审图号) and zoom limit', () => {
    const c = resolveMapConfig({
      VITE_MAP_PROVIDER: 'selfhosted',
      VITE_MAP_TILE_URL: ' https://tiles.example.cn/{z}/{x}/{y}.png ',
      VITE_MAP_TILE_DATUM: 'WGS84',
      VITE_MAP_TILE_ATTRIBUTION: '© 某测绘院 审图号 GS(2025)1234号',
      VITE_MAP_TILE_MAX_ZOOM: '17',
    });
    expect(c).toMatchObject({
      provider: 'selfhosted',
      tileUrl: 'https://tiles.example.cn/{z}/{x}/{y}.png',
      tileDatum: 'wgs84',
      tileAttribution: '© 某测绘院 审图号 GS(2025)1234号',
      tileMaxZoom: 17,
    });
    // nonsense zoom falls back to the default
    expect(resolveMapConfig({ VITE_MAP_TILE_MAX_ZOOM: '99' }).tileMaxZoom).toBe(18);
  });

  it('chooses AMap with its key and security code', () => {
    const c = resolveMapConfig({
      VITE_MAP_PROVIDER: 'amap',
      VITE_AMAP_KEY: 'k1',
      VITE_AMAP_SECURITY_CODE: 's1',
    });
    expect(c).toMatchObject({
      provider: 'amap',
      amapKey: 'k1',
      amapSecurityCode: 's1',
    });
    expect(c.fallback).toBeUndefined();
  });

  it('falls back to the self-hosted map, saying why, when AMap has no key', () => {
    const c = resolveMapConfig({
      VITE_MAP_PROVIDER: 'AMap',
      VITE_AMAP_KEY: '  ',
    });
    expect(c.provider).toBe('selfhosted');
    expect(c.fallback).toBe('amap-key-missing');
  });

  it('an unknown provider name is reported and the self-hosted map used', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(resolveMapConfig({ VITE_MAP_PROVIDER: 'baidu' }).provider).toBe('selfhosted');
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('each provider kind has its own lazily loaded implementation', () => {
    expect(Object.keys(PROVIDER_LOADERS).sort()).toEqual(['amap', 'selfhosted']);
  });
});
