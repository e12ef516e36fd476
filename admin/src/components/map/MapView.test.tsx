import { createRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import MapView, { type MapHandle } from './MapView';
import { loadProvider } from './loader';
import { createFakeMap, fakeMaps, lastFakeMap } from './testing';
import type { ResolvedMapConfig } from './config';

vi.mock('./loader', () => ({ loadProvider: vi.fn() }));
const load = vi.mocked(loadProvider);

const selfhosted: ResolvedMapConfig = {
  provider: 'selfhosted',
  tileDatum: 'gcj02',
  tileMaxZoom: 18,
};

describe('R-7.5 <MapView> over the configured provider', () => {
  afterEach(() => {
    load.mockReset();
    fakeMaps.length = 0;
  });

  it('loads the configured provider, draws what it is given and marks the demo basemap 演示底图', async () => {
    load.mockResolvedValue(createFakeMap);
    const onClick = vi.fn();
    render(
      <MapView
        config={selfhosted}
        data-testid="m"
        markers={[{ id: 'a', position: [113.94, 22.54], label: '1' }]}
        polylines={[
          {
            id: 'l',
            path: [
              [113.94, 22.54],
              [113.3, 23.1],
            ],
          },
        ]}
        onClick={onClick}
      />,
    );
    expect(screen.getByTestId('m')).toHaveAttribute('data-map-ready', 'false');
    expect(await screen.findByText('演示底图')).toBeInTheDocument();
    expect(load).toHaveBeenCalledWith('selfhosted');
    const map = lastFakeMap();
    expect(map.markers.map((m) => m.position)).toEqual([[113.94, 22.54]]);
    expect(map.polylines).toHaveLength(1);
    map.click([113.5, 22.8]);
    expect(onClick).toHaveBeenCalledWith([113.5, 22.8]);
    expect(screen.getByTestId('m')).toHaveAttribute('data-map-ready', 'true');
  });

  it('shows no demo badge over an approved tile server', async () => {
    load.mockResolvedValue(createFakeMap);
    render(
      <MapView
        config={{
          ...selfhosted,
          tileUrl: 'https://tiles.example.cn/{z}/{x}/{y}.png',
        }}
        data-testid="m"
      />,
    );
    await waitFor(() => expect(screen.getByTestId('m')).toHaveAttribute('data-map-ready', 'true'));
    expect(screen.queryByText('演示底图')).toBeNull();
  });

  it('says when AMap was configured without a key and the self-hosted map is used instead', async () => {
    load.mockResolvedValue(createFakeMap);
    render(<MapView config={{ ...selfhosted, fallback: 'amap-key-missing' }} />);
    expect(await screen.findByText(/未配置高德地图 Key/)).toBeInTheDocument();
  });

  it('drawing and editing go through the handle and come back as GeoJSON', async () => {
    load.mockResolvedValue(createFakeMap);
    const ref = createRef<MapHandle>();
    const onPolygonDrawn = vi.fn();
    const onPolygonEdited = vi.fn();
    const { rerender } = render(
      <MapView
        ref={ref}
        config={selfhosted}
        onPolygonDrawn={onPolygonDrawn}
        onPolygonEdited={onPolygonEdited}
      />,
    );
    await waitFor(() => expect(fakeMaps).toHaveLength(1));
    await waitFor(() => expect(ref.current).not.toBeNull());
    const map = lastFakeMap();
    await waitFor(() => {
      ref.current!.startDrawPolygon('#52c41a');
      expect(map.drawing).toBe('polygon');
    });
    const square = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [113.9, 22.5],
          [114, 22.5],
          [114, 22.6],
          [113.9, 22.5],
        ] as [number, number][],
      ],
    };
    map.finishPolygon(square);
    expect(onPolygonDrawn).toHaveBeenCalledWith(square);
    rerender(
      <MapView
        ref={ref}
        config={selfhosted}
        editingId="zone-1"
        onPolygonDrawn={onPolygonDrawn}
        onPolygonEdited={onPolygonEdited}
      />,
    );
    await waitFor(() => expect(map.editing).toBe('zone-1'));
    map.editShape('zone-1', square);
    expect(onPolygonEdited).toHaveBeenCalledWith('zone-1', square);
  });

  it('a map that fails to load says so and can be retried', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    load.mockRejectedValueOnce(new Error('network down')).mockResolvedValue(createFakeMap);
    render(<MapView config={selfhosted} data-testid="m" />);
    expect(await screen.findByText('地图加载失败')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: /重\s*试/ }));
    await waitFor(() => expect(screen.getByTestId('m')).toHaveAttribute('data-map-ready', 'true'));
    expect(screen.queryByText('地图加载失败')).toBeNull();
    error.mockRestore();
  });
});
