/**
 * A small built-in gazetteer of Guangdong for the AMap sandbox: the prefecture-level cities (for
 * weather) and the districts of the Pearl River Delta cities the demo operates in (for reverse
 * geocoding).
 *
 * The district boxes are APPROXIMATE rectangles in GCJ-02 drawn around each district's core, not
 * the real boundaries: good enough for a demo and for tests that pick points well inside a
 * district (a landmark), wrong near borders. Boxes overlap; the first match in DISTRICTS wins, so
 * small central districts come before the larger ones around them.
 */

export interface City {
  adcode: string;
  name: string;
  /** the province as AMap's weather API names it (without 省) */
  province: string;
  /** telephone area code, as AMap's addressComponent.citycode */
  citycode: string;
}

export interface District {
  adcode: string;
  name: string;
  cityAdcode: string;
  /** [minLng, minLat, maxLng, maxLat], GCJ-02, approximate */
  box: [number, number, number, number];
}

export const PROVINCE = { name: '广东省', short: '广东', adcode: '440000' };

/** Guangdong's 21 prefecture-level cities (GB/T 2260). */
export const CITIES: City[] = [
  { adcode: '440100', name: '广州市', province: '广东', citycode: '020' },
  { adcode: '440200', name: '韶关市', province: '广东', citycode: '0751' },
  { adcode: '440300', name: '深圳市', province: '广东', citycode: '0755' },
  { adcode: '440400', name: '珠海市', province: '广东', citycode: '0756' },
  { adcode: '440500', name: '汕头市', province: '广东', citycode: '0754' },
  { adcode: '440600', name: '佛山市', province: '广东', citycode: '0757' },
  { adcode: '440700', name: '江门市', province: '广东', citycode: '0750' },
  { adcode: '440800', name: '湛江市', province: '广东', citycode: '0759' },
  { adcode: '440900', name: '茂名市', province: '广东', citycode: '0668' },
  { adcode: '441200', name: '肇庆市', province: '广东', citycode: '0758' },
  { adcode: '441300', name: '惠州市', province: '广东', citycode: '0752' },
  { adcode: '441400', name: '梅州市', province: '广东', citycode: '0753' },
  { adcode: '441500', name: '汕尾市', province: '广东', citycode: '0660' },
  { adcode: '441600', name: '河源市', province: '广东', citycode: '0762' },
  { adcode: '441700', name: '阳江市', province: '广东', citycode: '0662' },
  { adcode: '441800', name: '清远市', province: '广东', citycode: '0763' },
  { adcode: '441900', name: '东莞市', province: '广东', citycode: '0769' },
  { adcode: '442000', name: '中山市', province: '广东', citycode: '0760' },
  { adcode: '445100', name: '潮州市', province: '广东', citycode: '0768' },
  { adcode: '445200', name: '揭阳市', province: '广东', citycode: '0663' },
  { adcode: '445300', name: '云浮市', province: '广东', citycode: '0766' },
];

/**
 * Districts with approximate boxes, most specific first. 东莞 and 中山 have no districts (towns sit
 * directly under the city): AMap answers their points with the city's adcode and an empty district,
 * and so does the sandbox (their "district" entries below carry the city's own adcode).
 */
export const DISTRICTS: District[] = [
  // 深圳
  { adcode: '440304', name: '福田区', cityAdcode: '440300', box: [113.98, 22.5, 114.1, 22.59] },
  { adcode: '440303', name: '罗湖区', cityAdcode: '440300', box: [114.1, 22.53, 114.2, 22.62] },
  { adcode: '440305', name: '南山区', cityAdcode: '440300', box: [113.87, 22.45, 113.98, 22.62] },
  { adcode: '440308', name: '盐田区', cityAdcode: '440300', box: [114.2, 22.55, 114.35, 22.65] },
  { adcode: '440309', name: '龙华区', cityAdcode: '440300', box: [113.98, 22.59, 114.1, 22.75] },
  { adcode: '440311', name: '光明区', cityAdcode: '440300', box: [113.87, 22.7, 113.98, 22.85] },
  { adcode: '440306', name: '宝安区', cityAdcode: '440300', box: [113.75, 22.55, 113.98, 22.85] },
  { adcode: '440310', name: '坪山区', cityAdcode: '440300', box: [114.3, 22.65, 114.45, 22.78] },
  { adcode: '440307', name: '龙岗区', cityAdcode: '440300', box: [114.05, 22.6, 114.4, 22.85] },
  // 广州
  { adcode: '440104', name: '越秀区', cityAdcode: '440100', box: [113.25, 23.11, 113.3, 23.16] },
  { adcode: '440103', name: '荔湾区', cityAdcode: '440100', box: [113.17, 23.04, 113.25, 23.16] },
  { adcode: '440105', name: '海珠区', cityAdcode: '440100', box: [113.24, 23.04, 113.41, 23.11] },
  { adcode: '440106', name: '天河区', cityAdcode: '440100', box: [113.3, 23.1, 113.44, 23.25] },
  { adcode: '440111', name: '白云区', cityAdcode: '440100', box: [113.15, 23.14, 113.5, 23.4] },
  { adcode: '440112', name: '黄埔区', cityAdcode: '440100', box: [113.4, 23.03, 113.62, 23.45] },
  { adcode: '440113', name: '番禺区', cityAdcode: '440100', box: [113.24, 22.87, 113.56, 23.06] },
  { adcode: '440115', name: '南沙区', cityAdcode: '440100', box: [113.3, 22.56, 113.7, 22.87] },
  { adcode: '440114', name: '花都区', cityAdcode: '440100', box: [112.95, 23.25, 113.47, 23.62] },
  { adcode: '440118', name: '增城区', cityAdcode: '440100', box: [113.55, 23.08, 114.0, 23.6] },
  { adcode: '440117', name: '从化区', cityAdcode: '440100', box: [113.28, 23.4, 114.05, 23.94] },
  // 佛山
  { adcode: '440604', name: '禅城区', cityAdcode: '440600', box: [113.0, 22.95, 113.15, 23.08] },
  { adcode: '440606', name: '顺德区', cityAdcode: '440600', box: [113.0, 22.65, 113.4, 22.95] },
  { adcode: '440605', name: '南海区', cityAdcode: '440600', box: [112.85, 22.95, 113.17, 23.3] },
  { adcode: '440607', name: '三水区', cityAdcode: '440600', box: [112.7, 23.05, 113.05, 23.55] },
  { adcode: '440608', name: '高明区', cityAdcode: '440600', box: [112.35, 22.65, 112.95, 23.05] },
  // 珠海
  { adcode: '440402', name: '香洲区', cityAdcode: '440400', box: [113.45, 22.1, 113.65, 22.45] },
  { adcode: '440404', name: '金湾区', cityAdcode: '440400', box: [113.18, 21.95, 113.45, 22.15] },
  { adcode: '440403', name: '斗门区', cityAdcode: '440400', box: [113.1, 22.15, 113.4, 22.4] },
  // 东莞 and 中山: no districts
  { adcode: '441900', name: '', cityAdcode: '441900', box: [113.52, 22.66, 114.26, 23.15] },
  { adcode: '442000', name: '', cityAdcode: '442000', box: [113.15, 22.2, 113.65, 22.78] },
];

const citiesByAdcode = new Map(CITIES.map((c) => [c.adcode, c]));
const districtsByAdcode = new Map(DISTRICTS.filter((d) => d.name).map((d) => [d.adcode, d]));

export function cityOf(adcode: string): City | undefined {
  return citiesByAdcode.get(adcode);
}

export function districtOf(adcode: string): District | undefined {
  return districtsByAdcode.get(adcode);
}

/** The district (or district-less city) whose box holds the point; undefined outside them all. */
export function locate(lng: number, lat: number): { district: District; city: City } | undefined {
  const district = DISTRICTS.find(({ box: [w, s, e, n] }) => lng >= w && lng <= e && lat >= s && lat <= n);
  if (!district) return undefined;
  return { district, city: citiesByAdcode.get(district.cityAdcode)! };
}
