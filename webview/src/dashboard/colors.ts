// Grafana's named colours ("green", "semi-dark-red", "text", "transparent", …) for the light and
// dark themes, the classic series palette, CSS colour names, and the colour maths the colour modes
// need (WCAG contrast, d3's RGB basis spline). Values follow grafana/grafana
// packages/grafana-data/src/themes/createVisualizationColors.ts, createColors.ts, palette.ts and
// colorManipulator.ts.

export type ThemeMode = 'light' | 'dark';

/** Grafana's colour for a missing one. */
export const FALLBACK_COLOR = '#808080';

const HUES = ['red', 'orange', 'yellow', 'green', 'blue', 'purple'] as const;
const SHADES = ['super-light-', 'light-', '', 'semi-dark-', 'dark-'] as const;

// Per hue, the five shades from super-light to dark.
const DARK_HUES: Record<(typeof HUES)[number], string[]> = {
  red: ['#FFA6B0', '#FF7383', '#F2495C', '#E02F44', '#C4162A'],
  orange: ['#FFCB7D', '#FFB357', '#FF9830', '#FF780A', '#FA6400'],
  yellow: ['#FFF899', '#FFEE52', '#FADE2A', '#F2CC0C', '#E0B400'],
  green: ['#C8F2C2', '#96D98D', '#73BF69', '#56A64B', '#37872D'],
  blue: ['#C0D8FF', '#8AB8FF', '#5794F2', '#3274D9', '#1F60C4'],
  purple: ['#DEB6F2', '#CA95E5', '#B877D9', '#A352CC', '#8F3BB8'],
};
const LIGHT_HUES: Record<(typeof HUES)[number], string[]> = {
  red: ['#FF7383', '#F2495C', '#E02F44', '#C4162A', '#AD0317'],
  orange: ['#FFB357', '#FF9830', '#FF780A', '#FA6400', '#E55400'],
  yellow: ['#FFEE52', '#FADE2A', '#F2CC0C', '#E0B400', '#CC9D00'],
  green: ['#96D98D', '#73BF69', '#56A64B', '#37872D', '#19730E'],
  blue: ['#8AB8FF', '#5794F2', '#3274D9', '#1F60C4', '#1250B0'],
  purple: ['#CA95E5', '#B877D9', '#A352CC', '#8F3BB8', '#7C2EA3'],
};

/** The theme's panel background and primary text (createColors.ts). */
export const THEME_BACKGROUND: Record<ThemeMode, string> = { dark: '#181b1f', light: '#FFFFFF' };
export const THEME_TEXT: Record<ThemeMode, string> = { dark: 'rgb(204, 204, 220)', light: 'rgba(36, 41, 46, 1)' };

function namedIndex(mode: ThemeMode): Map<string, string> {
  const hues = mode === 'dark' ? DARK_HUES : LIGHT_HUES;
  const index = new Map<string, string>();
  for (const hue of HUES) SHADES.forEach((shade, i) => index.set(shade + hue, hues[hue][i]));
  index.set('transparent', mode === 'light' ? 'rgba(255, 255, 255, 0)' : 'rgba(0,0,0,0)');
  index.set('panel-bg', THEME_BACKGROUND[mode]);
  index.set('text', THEME_TEXT[mode]);
  return index;
}
const NAMED: Record<ThemeMode, Map<string, string>> = { dark: namedIndex('dark'), light: namedIndex('light') };

/** CSS colour names Grafana resolves to hex when they are not one of its own names. */
const CSS_COLORS = new Map<string, string>(
  (
    'aliceblue f0f8ff antiquewhite faebd7 aqua 00ffff aquamarine 7fffd4 azure f0ffff beige f5f5dc bisque ffe4c4 ' +
    'black 000000 blanchedalmond ffebcd blue 0000ff blueviolet 8a2be2 brown a52a2a burlywood deb887 cadetblue 5f9ea0 ' +
    'chartreuse 7fff00 chocolate d2691e coral ff7f50 cornflowerblue 6495ed cornsilk fff8dc crimson dc143c cyan 00ffff ' +
    'darkblue 00008b darkcyan 008b8b darkgoldenrod b8860b darkgray a9a9a9 darkgrey a9a9a9 darkgreen 006400 ' +
    'darkkhaki bdb76b darkmagenta 8b008b darkolivegreen 556b2f darkorange ff8c00 darkorchid 9932cc darkred 8b0000 ' +
    'darksalmon e9967a darkseagreen 8fbc8f darkslateblue 483d8b darkslategray 2f4f4f darkslategrey 2f4f4f ' +
    'darkturquoise 00ced1 darkviolet 9400d3 deeppink ff1493 deepskyblue 00bfff dimgray 696969 dimgrey 696969 ' +
    'dodgerblue 1e90ff firebrick b22222 floralwhite fffaf0 forestgreen 228b22 fuchsia ff00ff gainsboro dcdcdc ' +
    'ghostwhite f8f8ff gold ffd700 goldenrod daa520 gray 808080 grey 808080 green 008000 greenyellow adff2f ' +
    'honeydew f0fff0 hotpink ff69b4 indianred cd5c5c indigo 4b0082 ivory fffff0 khaki f0e68c lavender e6e6fa ' +
    'lavenderblush fff0f5 lawngreen 7cfc00 lemonchiffon fffacd lightblue add8e6 lightcoral f08080 lightcyan e0ffff ' +
    'lightgoldenrodyellow fafad2 lightgray d3d3d3 lightgrey d3d3d3 lightgreen 90ee90 lightpink ffb6c1 ' +
    'lightsalmon ffa07a lightseagreen 20b2aa lightskyblue 87cefa lightslategray 778899 lightslategrey 778899 ' +
    'lightsteelblue b0c4de lightyellow ffffe0 lime 00ff00 limegreen 32cd32 linen faf0e6 magenta ff00ff maroon 800000 ' +
    'mediumaquamarine 66cdaa mediumblue 0000cd mediumorchid ba55d3 mediumpurple 9370d8 mediumseagreen 3cb371 ' +
    'mediumslateblue 7b68ee mediumspringgreen 00fa9a mediumturquoise 48d1cc mediumvioletred c71585 ' +
    'midnightblue 191970 mintcream f5fffa mistyrose ffe4e1 moccasin ffe4b5 navajowhite ffdead navy 000080 ' +
    'oldlace fdf5e6 olive 808000 olivedrab 6b8e23 orange ffa500 orangered ff4500 orchid da70d6 palegoldenrod eee8aa ' +
    'palegreen 98fb98 paleturquoise afeeee palevioletred d87093 papayawhip ffefd5 peachpuff ffdab9 peru cd853f ' +
    'pink ffc0cb plum dda0dd powderblue b0e0e6 purple 800080 rebeccapurple 663399 red ff0000 rosybrown bc8f8f ' +
    'royalblue 4169e1 saddlebrown 8b4513 salmon fa8072 sandybrown f4a460 seagreen 2e8b57 seashell fff5ee ' +
    'sienna a0522d silver c0c0c0 skyblue 87ceeb slateblue 6a5acd slategray 708090 slategrey 708090 snow fffafa ' +
    'springgreen 00ff7f steelblue 4682b4 tan d2b48c teal 008080 thistle d8bfd8 tomato ff6347 turquoise 40e0d0 ' +
    'violet ee82ee wheat f5deb3 white ffffff whitesmoke f5f5f5 yellow ffff00 yellowgreen 9acd32'
  )
    .match(/\S+ \S+/g)!
    .map((pair) => {
      const [name, hex] = pair.split(' ');
      return [name, '#' + hex] as [string, string];
    }),
);

/** Grafana's getColorByName: its named colours, hex/rgb as given, CSS names as hex, else unchanged. */
export function colorByName(name: string | null | undefined, mode: ThemeMode): string {
  if (!name) return FALLBACK_COLOR;
  const named = NAMED[mode].get(name) ?? (name.toLowerCase() === 'transparent' ? NAMED[mode].get('transparent') : undefined);
  if (named) return named;
  if (name[0] === '#' || name.indexOf('rgb') > -1) return name;
  return CSS_COLORS.get(name.toLowerCase()) ?? name;
}

/** The classic palette ("palette-classic" colour mode), in Grafana's order. */
export const CLASSIC_PALETTE: readonly string[] = [
  'green', 'yellow', 'blue', 'orange', 'red', 'purple',
  'dark-green', 'dark-yellow', 'dark-blue', 'dark-orange', 'dark-red', 'dark-purple',
  'super-light-green', 'super-light-yellow', 'super-light-blue', 'super-light-orange', 'super-light-red', 'super-light-purple',
  '#447EBC', '#C15C17', '#890F02', '#0A437C', '#6D1F62', '#584477', '#B7DBAB', '#F4D598', '#70DBED', '#F9BA8F',
  '#F29191', '#82B5D8', '#E5A8E2', '#AEA2E0', '#629E51', '#E5AC0E', '#64B0C8', '#E0752D', '#BF1B00', '#0A50A1',
  '#962D82', '#614D93', '#9AC48A', '#F2C96D', '#65C5DB', '#F9934E', '#EA6460', '#5195CE', '#D683CE', '#806EB7',
  '#3F6833', '#967302', '#2F575E', '#99440A', '#58140C', '#052B51', '#511749', '#3F2B5B', '#E0F9D7', '#FCEACA',
  '#CFFAFF', '#F9E2D2', '#FCE2DE', '#BADFF4', '#F9D9F9', '#DEDAF7',
];

// --- colour maths -----------------------------------------------------------------------------

/** [r, g, b, a] of a #rgb, #rrggbb, #rrggbbaa, rgb() or rgba() colour (CSS names via colorByName first). */
export function parseColor(color: string): [number, number, number, number] | undefined {
  const c = color.trim();
  let m = /^#([0-9a-f]{3,8})$/i.exec(c);
  if (m) {
    let hex = m[1];
    if (hex.length === 3 || hex.length === 4) hex = hex.replace(/./g, (ch) => ch + ch);
    if (hex.length !== 6 && hex.length !== 8) return undefined;
    const n = (i: number): number => parseInt(hex.slice(i, i + 2), 16);
    return [n(0), n(2), n(4), hex.length === 8 ? n(6) / 255 : 1];
  }
  m = /^rgba?\(([^)]*)\)$/i.exec(c);
  if (m) {
    const parts = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    if (parts.length < 3 || parts.some((p) => Number.isNaN(p))) return undefined;
    return [parts[0], parts[1], parts[2], parts[3] ?? 1];
  }
  return undefined;
}

/** WCAG relative luminance, rounded to 3 decimals like Grafana's getLuminance. */
export function luminance(color: string, background?: string): number {
  const rgba = parseColor(color);
  if (!rgba) return 0;
  const rgb = rgba.slice(0, 3);
  const bg = background ? parseColor(background) : undefined;
  if (bg && rgba[3] < 1) for (let i = 0; i < 3; i++) rgb[i] = rgb[i] * rgba[3] + bg[i] * (1 - rgba[3]);
  const lin = rgb.map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return Number((0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]).toFixed(3));
}

/** WCAG contrast ratio between two colours (1 … 21). */
export function contrastRatio(foreground: string, background: string, canvas?: string): number {
  const a = luminance(foreground);
  const b = luminance(background, canvas);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** d3's interpolateRgbBasis: a uniform B-spline through the colours, as "rgb(r, g, b)". */
export function interpolateRgbBasis(colors: string[]): (t: number) => string {
  const rgb = colors.map((c) => parseColor(c) ?? [0, 0, 0, 1]);
  const channel = (k: number): ((t: number) => number) => basisSpline(rgb.map((c) => c[k]));
  const [r, g, b] = [channel(0), channel(1), channel(2)];
  const clampi = (v: number): number => Math.max(0, Math.min(255, Math.round(v) || 0));
  return (t) => `rgb(${clampi(r(t))}, ${clampi(g(t))}, ${clampi(b(t))})`;
}

function basisSpline(values: number[]): (t: number) => number {
  const n = values.length - 1;
  return (t) => {
    const i = t <= 0 ? ((t = 0), 0) : t >= 1 ? ((t = 1), n - 1) : Math.floor(t * n);
    const v1 = values[i];
    const v2 = values[i + 1];
    const v0 = i > 0 ? values[i - 1] : 2 * v1 - v2;
    const v3 = i < n - 1 ? values[i + 2] : 2 * v2 - v1;
    const t1 = (t - i / n) * n;
    const t2 = t1 * t1;
    const t3 = t2 * t1;
    return ((1 - 3 * t1 + 3 * t2 - t3) * v0 + (4 - 6 * t2 + 3 * t3) * v1 + (1 + 3 * t1 + 3 * t2 - 3 * t3) * v2 + t3 * v3) / 6;
  };
}

/** The string-hash package Grafana uses to pick a colour by series name. */
export function stringHash(s: string): number {
  let hash = 5381;
  let i = s.length;
  while (i) hash = (hash * 33) ^ s.charCodeAt(--i);
  return hash >>> 0;
}
