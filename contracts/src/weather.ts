/**
 * Weather the platform shows beside trips (departure and arrival cities), as the map provider
 * reports it (AMap web services behind bff's MapPort). Places are GB/T 2260 adcodes; a district's
 * code gets its district's (or its city's) weather. Times are ISO 8601 instants; days are calendar
 * days in Asia/Shanghai.
 */

/** `YYYY-MM-DD`, a calendar day in Asia/Shanghai. */
export type WeatherDate = string;

/** The live report for a place. */
export interface WeatherNow {
  /** GB/T 2260 code of the place reported on */
  adcode: string;
  /** the place's name as the provider gives it: 广州市, 天河区 … */
  city: string;
  /** the provider's weather word: 晴, 多云, 阴, 小雨, 雷阵雨 … */
  weather: string;
  temperatureC: number;
  /** 东, 东北 …, 无风向 */
  windDirection: string;
  /** wind force on the Beaufort scale as reported: ≤3, 4, 5 … */
  windPower: string;
  /** relative humidity, % */
  humidity: number;
  /** when the provider made the report (ISO 8601) */
  reportedAt: string;
}

/** One day of a forecast; the first is today. */
export interface WeatherForecastDay {
  date: WeatherDate;
  dayWeather: string;
  nightWeather: string;
  dayTempC: number;
  nightTempC: number;
}
