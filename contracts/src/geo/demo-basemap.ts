/**
 * The offline demo basemap, shared by the admin app and the passenger app: a coarse, hand-made sketch of the Pearl River Delta (GCJ-02,
 * `[lng, lat]`), bundled so a fresh checkout shows a usable map with no tile server and no
 * internet. It is deliberately rough (kilometres off) and carries no boundaries other than four
 * city outlines: it is NOT an approved map (无审图号) and is always shown with a 演示底图 badge.
 * Production uses an approved map: AMap, or a self-hosted tile server.
 */
/** `[lng, lat]`, GCJ-02 (GeoJSON order). */
type Position = [number, number];

export type DemoFeatureKind = 'land' | 'city' | 'district-boundary' | 'river' | 'expressway' | 'label';
export type DemoLabelRank = 'city' | 'district' | 'water' | 'other';

export interface DemoFeature {
  type: 'Feature';
  properties: {
    kind: DemoFeatureKind;
    name: string;
    rank?: DemoLabelRank;
    ref?: string;
  };
  geometry:
    | { type: 'Polygon'; coordinates: Position[][] }
    | { type: 'LineString'; coordinates: Position[] }
    | { type: 'Point'; coordinates: Position };
}

export interface DemoFeatureCollection {
  type: 'FeatureCollection';
  features: DemoFeature[];
}

export const DEMO_ATTRIBUTION = '演示数据，非正式地图，无审图号';
/** The area the sketch covers; the demo map does not let the view wander far from it. */
export const DEMO_BOUNDS: [Position, Position] = [
  [112.2, 21.7],
  [115.2, 24.1],
];

const closed = (pts: Position[]): Position[] => [...pts, pts[0]];
const polygon = (kind: DemoFeatureKind, name: string, pts: Position[]): DemoFeature => ({
  type: 'Feature',
  properties: { kind, name },
  geometry: { type: 'Polygon', coordinates: [closed(pts)] },
});
const line = (kind: DemoFeatureKind, name: string, pts: Position[], ref?: string): DemoFeature => ({
  type: 'Feature',
  properties: { kind, name, ref },
  geometry: { type: 'LineString', coordinates: pts },
});
const label = (name: string, at: Position, rank: DemoLabelRank): DemoFeature => ({
  type: 'Feature',
  properties: { kind: 'label', name, rank },
  geometry: { type: 'Point', coordinates: at },
});

// Coast from the north-west corner clockwise: Daya Bay, Dapeng, Mirs Bay, the Kowloon side,
// Shenzhen Bay, the east shore of Lingding Yang up to Humen, its west shore down to Modaomen.
const LAND: Position[] = [
  [112.2, 24.1],
  [115.2, 24.1],
  [115.2, 22.78],
  [115.0, 22.72],
  [114.85, 22.62],
  [114.72, 22.72],
  [114.6, 22.68],
  [114.56, 22.58],
  [114.6, 22.5],
  [114.52, 22.44],
  [114.4, 22.52],
  [114.3, 22.56],
  [114.23, 22.54],
  [114.33, 22.45],
  [114.36, 22.33],
  [114.28, 22.24],
  [114.18, 22.2],
  [114.05, 22.27],
  [113.94, 22.36],
  [113.92, 22.42],
  [113.98, 22.46],
  [114.02, 22.51],
  [113.95, 22.52],
  [113.9, 22.48],
  [113.86, 22.56],
  [113.8, 22.68],
  [113.7, 22.8],
  [113.63, 22.86],
  [113.6, 22.8],
  [113.62, 22.7],
  [113.57, 22.6],
  [113.62, 22.47],
  [113.57, 22.38],
  [113.6, 22.28],
  [113.56, 22.18],
  [113.47, 22.12],
  [113.36, 22.13],
  [113.25, 22.04],
  [113.1, 21.95],
  [112.95, 21.85],
  [112.75, 21.8],
  [112.5, 21.72],
  [112.2, 21.7],
];

// Neighbouring outlines share their border points, so the lines meet.
const SHENZHEN: Position[] = [
  [113.75, 22.75],
  [113.88, 22.84],
  [114.05, 22.78],
  [114.2, 22.78],
  [114.4, 22.7],
  [114.58, 22.66],
  [114.56, 22.58],
  [114.6, 22.5],
  [114.52, 22.44],
  [114.4, 22.52],
  [114.3, 22.56],
  [114.23, 22.54],
  [114.1, 22.53],
  [114.02, 22.51],
  [113.95, 22.52],
  [113.9, 22.48],
  [113.86, 22.56],
  [113.8, 22.68],
];
const DONGGUAN: Position[] = [
  [113.63, 22.86],
  [113.7, 22.8],
  [113.75, 22.75],
  [113.88, 22.84],
  [114.05, 22.78],
  [114.2, 22.78],
  [114.25, 22.9],
  [114.15, 23.05],
  [113.9, 23.15],
  [113.55, 23.1],
  [113.58, 22.95],
];
const GUANGZHOU: Position[] = [
  [113.2, 23.95],
  [113.65, 23.9],
  [113.95, 23.6],
  [114.05, 23.35],
  [113.9, 23.15],
  [113.55, 23.1],
  [113.58, 22.95],
  [113.63, 22.86],
  [113.6, 22.8],
  [113.62, 22.7],
  [113.57, 22.6],
  [113.45, 22.68],
  [113.4, 22.9],
  [113.3, 22.98],
  [113.2, 23.05],
  [113.15, 23.15],
  [113.05, 23.3],
  [112.95, 23.5],
  [113.1, 23.7],
];
const FOSHAN: Position[] = [
  [112.95, 23.5],
  [113.05, 23.3],
  [113.15, 23.15],
  [113.2, 23.05],
  [113.3, 22.98],
  [113.4, 22.9],
  [113.32, 22.72],
  [113.1, 22.68],
  [112.85, 22.8],
  [112.62, 22.95],
  [112.45, 23.15],
  [112.62, 23.4],
];

export const DEMO_BASEMAP: DemoFeatureCollection = {
  type: 'FeatureCollection',
  features: [
    polygon('land', '陆地', LAND),
    polygon('city', '广州市', GUANGZHOU),
    polygon('city', '佛山市', FOSHAN),
    polygon('city', '东莞市', DONGGUAN),
    polygon('city', '深圳市', SHENZHEN),
    // Shenzhen's main districts, as rough dividing lines
    line('district-boundary', '南山/福田', [
      [114.0, 22.51],
      [114.0, 22.6],
    ]),
    line('district-boundary', '福田/罗湖', [
      [114.09, 22.53],
      [114.09, 22.6],
    ]),
    line('district-boundary', '原特区北线', [
      [113.87, 22.6],
      [114.0, 22.6],
      [114.09, 22.6],
      [114.22, 22.61],
      [114.3, 22.56],
    ]),
    line('district-boundary', '宝安/龙华', [
      [113.98, 22.6],
      [113.97, 22.81],
    ]),
    line('district-boundary', '龙华/龙岗', [
      [114.09, 22.6],
      [114.1, 22.78],
    ]),
    line('district-boundary', '龙岗/大鹏', [
      [114.42, 22.69],
      [114.44, 22.52],
    ]),
    line('river', '珠江', [
      [113.15, 23.1],
      [113.2, 23.1],
      [113.24, 23.11],
      [113.3, 23.12],
      [113.38, 23.11],
      [113.45, 23.1],
      [113.52, 23.06],
      [113.56, 22.98],
      [113.6, 22.9],
      [113.62, 22.83],
    ]),
    line('river', '西江', [
      [112.2, 23.2],
      [112.47, 23.04],
      [112.7, 22.95],
      [112.9, 22.85],
      [113.05, 22.68],
      [113.15, 22.45],
      [113.28, 22.25],
      [113.36, 22.14],
    ]),
    line('river', '北江', [
      [113.1, 24.1],
      [113.0, 23.6],
      [112.88, 23.2],
      [112.8, 23.02],
      [112.9, 22.86],
    ]),
    line('river', '东江', [
      [115.2, 23.5],
      [114.8, 23.3],
      [114.42, 23.12],
      [114.1, 23.08],
      [113.85, 23.08],
      [113.65, 23.07],
      [113.52, 23.06],
    ]),
    line(
      'expressway',
      '京港澳高速',
      [
        [113.28, 24.1],
        [113.32, 23.5],
        [113.35, 23.2],
        [113.45, 23.05],
        [113.7, 22.95],
        [113.9, 22.8],
        [114.05, 22.6],
        [114.07, 22.53],
      ],
      'G4',
    ),
    line(
      'expressway',
      '广深沿江高速',
      [
        [113.5, 23.05],
        [113.62, 22.88],
        [113.75, 22.73],
        [113.85, 22.6],
        [113.92, 22.52],
      ],
      'S3',
    ),
    line(
      'expressway',
      '广澳高速',
      [
        [113.3, 23.1],
        [113.35, 22.9],
        [113.4, 22.65],
        [113.42, 22.45],
        [113.53, 22.25],
      ],
      'G0425',
    ),
    line(
      'expressway',
      '虎门大桥',
      [
        [113.45, 22.85],
        [113.6, 22.79],
        [113.68, 22.8],
        [113.75, 22.85],
      ],
      'S5',
    ),
    line(
      'expressway',
      '深中通道',
      [
        [113.85, 22.62],
        [113.7, 22.6],
        [113.58, 22.55],
        [113.42, 22.52],
      ],
      'G2518',
    ),
    line(
      'expressway',
      '沈海高速',
      [
        [113.25, 23.15],
        [113.12, 23.05],
        [112.9, 22.95],
        [112.7, 22.8],
        [112.4, 22.5],
      ],
      'G15',
    ),
    line(
      'expressway',
      '长深高速',
      [
        [113.75, 23.02],
        [114.1, 23.05],
        [114.42, 23.1],
        [114.9, 23.2],
      ],
      'G25',
    ),
    line(
      'expressway',
      '机荷高速',
      [
        [113.83, 22.67],
        [114.05, 22.66],
        [114.25, 22.65],
        [114.4, 22.68],
      ],
      'S28',
    ),
    line(
      'expressway',
      '大广高速',
      [
        [113.35, 23.2],
        [113.6, 23.55],
        [113.62, 24.1],
      ],
      'G45',
    ),
    label('广州', [113.42, 23.42], 'city'),
    label('佛山', [112.78, 23.12], 'city'),
    label('东莞', [113.9, 22.98], 'city'),
    label('深圳', [114.22, 22.72], 'city'),
    label('珠海', [113.48, 22.25], 'city'),
    label('中山', [113.36, 22.52], 'city'),
    label('惠州', [114.42, 23.16], 'city'),
    label('江门', [113.02, 22.58], 'city'),
    label('天河', [113.36, 23.14], 'district'),
    label('越秀', [113.27, 23.13], 'district'),
    label('海珠', [113.32, 23.085], 'district'),
    label('白云', [113.28, 23.26], 'district'),
    label('黄埔', [113.47, 23.15], 'district'),
    label('番禺', [113.38, 22.96], 'district'),
    label('南沙', [113.52, 22.76], 'district'),
    label('花都', [113.22, 23.4], 'district'),
    label('增城', [113.8, 23.28], 'district'),
    label('禅城', [113.1, 23.02], 'district'),
    label('南海', [112.98, 23.08], 'district'),
    label('顺德', [113.2, 22.82], 'district'),
    label('南山', [113.93, 22.55], 'district'),
    label('福田', [114.05, 22.55], 'district'),
    label('罗湖', [114.14, 22.57], 'district'),
    label('宝安', [113.88, 22.7], 'district'),
    label('龙华', [114.03, 22.69], 'district'),
    label('龙岗', [114.25, 22.68], 'district'),
    label('大鹏', [114.5, 22.57], 'district'),
    label('虎门', [113.68, 22.83], 'district'),
    label('松山湖', [113.9, 22.92], 'district'),
    label('伶仃洋', [113.75, 22.4], 'water'),
    label('南海', [113.6, 21.9], 'water'),
    label('大亚湾', [114.72, 22.6], 'water'),
    label('珠江', [113.42, 23.095], 'water'),
  ],
};
