/**
 * A stand-in for <TripMap> in page tests (jsdom has no map):
 *
 *   jest.mock('../../../components/map', () => jest.requireActual('../../../components/map/testing'));
 *
 * It renders a plain box and keeps the props of the last render, so a test can read what the
 * page draws (zones, markers, the view to fit) and play a tap with `tapMap({ lng, lat })`.
 */
import { act } from '@testing-library/react';
import type { LngLat } from '@dzky/contracts';
import type { TripMapProps } from './types';

let last: TripMapProps | null = null;

export function TripMap(props: TripMapProps) {
  last = props;
  return <div id={props.id} data-testid="trip-map" data-markers={props.markers.length} data-polygons={props.polygons.length} />;
}

export function lastMapProps(): TripMapProps {
  if (!last) throw new Error('no TripMap was rendered');
  return last;
}

export function tapMap(point: LngLat): void {
  const props = lastMapProps();
  act(() => props.onTap?.(point));
}

export { KIND_COLORS } from './types';
