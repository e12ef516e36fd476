import type { LngLat, WeatherForecastDay, WeatherNow } from '@dzky/contracts';

/** What reverse geocoding knows about a point: its address and its GB/T 2260 code. */
export interface ReverseGeocode {
  /** formatted address (广东省广州市海珠区…); '' where the provider has none (outside China, at sea) */
  address: string;
  /** the district's (or district-less city's) adcode; null where the provider has none */
  adcode: string | null;
}

/** A driving route's length and time, as the map provider plans it. */
export interface DrivingDistance {
  distanceM: number;
  durationS: number;
}

/**
 * The map provider's web services (design.md §2): weather for the places trips start and end,
 * reverse geocoding and driving distances. Points are GCJ-02. A place the provider has no weather
 * for is null (or no forecast days); a provider that refuses or cannot be reached throws
 * UpstreamError — never made-up data.
 */
export abstract class MapPort {
  /** the live report for an adcode */
  abstract weather(adcode: string): Promise<WeatherNow | null>;
  /** today and the next days (AMap: four days in all) */
  abstract forecast(adcode: string): Promise<WeatherForecastDay[]>;
  abstract reverseGeocode(point: LngLat): Promise<ReverseGeocode>;
  abstract drivingDistance(from: LngLat, to: LngLat): Promise<DrivingDistance>;
}
