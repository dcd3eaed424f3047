/** A colour in CIELAB (D50, relative to the paper white). */
export interface Lab {
  L: number;
  a: number;
  b: number;
}

/** A CMYK colour, each ink from 0 to 1. */
export type Cmyk = readonly [number, number, number, number];

/** The ICC profile cannot be read as a CMYK output profile with a Lab table this module understands. */
export class ProfileError extends Error {
  override name = 'ProfileError';
}

/**
 * Reads the relative colorimetric device-to-Lab table (A2B1, else A2B0) of a CMYK output profile, as ArgyllCMS
 * writes it (ICC v2 lut16 or lut8), and returns a lookup: CMYK in, Lab out, interpolated between the grid
 * points. Used to find the black tint of a given lightness and how grey a four-ink colour is; not a full CMM.
 */
export function cmykToLab(profile: Uint8Array): (cmyk: Cmyk) => Lab {
  const view = new DataView(profile.buffer, profile.byteOffset, profile.byteLength);
  const signature = (offset: number) => String.fromCharCode(...profile.subarray(offset, offset + 4));
  if (profile.length < 132 || signature(36) !== 'acsp') throw new ProfileError('not an ICC profile');
  if (signature(16) !== 'CMYK' || signature(20) !== 'Lab ') throw new ProfileError(`a ${signature(16).trim()} profile with ${signature(20).trim()} connection space, expected CMYK with Lab`);
  const tags = new Map<string, number>();
  for (let index = 0, count = view.getUint32(128); index < count; index++) tags.set(signature(132 + index * 12), view.getUint32(136 + index * 12));
  const offset = tags.get('A2B1') ?? tags.get('A2B0');
  if (offset === undefined) throw new ProfileError('no A2B1 or A2B0 table');
  const type = signature(offset);
  if (type !== 'mft2' && type !== 'mft1') throw new ProfileError(`a ${type} table, expected lut16 (mft2) or lut8 (mft1)`);
  const wide = type === 'mft2';
  const inputs = profile[offset + 8]!;
  const outputs = profile[offset + 9]!;
  const grid = profile[offset + 10]!;
  if (inputs !== 4 || outputs !== 3) throw new ProfileError(`a table of ${inputs} to ${outputs} channels, expected 4 to 3`);
  const inputEntries = wide ? view.getUint16(offset + 48) : 256;
  const outputEntries = wide ? view.getUint16(offset + 50) : 256;
  const size = wide ? 2 : 1;
  const max = wide ? 65535 : 255;
  let position = offset + (wide ? 52 : 48);
  const table = (count: number) => {
    const values = new Float64Array(count);
    for (let index = 0; index < count; index++) values[index] = (wide ? view.getUint16(position + index * 2) : profile[position + index]!) / max;
    position += count * size;
    return values;
  };
  const inputCurves = table(inputs * inputEntries);
  const clut = table(grid ** inputs * outputs);
  const outputCurves = table(outputs * outputEntries);
  const curve = (values: Float64Array, channel: number, entries: number, x: number) => {
    const at = Math.min(Math.max(x, 0), 1) * (entries - 1);
    const low = Math.min(Math.floor(at), entries - 2);
    const base = channel * entries;
    return values[base + low]! + (values[base + low + 1]! - values[base + low]!) * (at - low);
  };

  return (cmyk) => {
    const cells: number[] = [];
    const fractions: number[] = [];
    for (let channel = 0; channel < 4; channel++) {
      const at = curve(inputCurves, channel, inputEntries, cmyk[channel]!) * (grid - 1);
      const cell = Math.min(Math.floor(at), grid - 2);
      cells.push(cell);
      fractions.push(at - cell);
    }
    // Multilinear interpolation between the 16 corners of the grid cell.
    const sum = [0, 0, 0];
    for (let corner = 0; corner < 16; corner++) {
      let weight = 1;
      let index = 0;
      for (let channel = 0; channel < 4; channel++) {
        const upper = (corner >> (3 - channel)) & 1;
        weight *= upper ? fractions[channel]! : 1 - fractions[channel]!;
        index = index * grid + cells[channel]! + upper;
      }
      if (weight === 0) continue;
      for (let out = 0; out < 3; out++) sum[out]! += weight * clut[index * outputs + out]!;
    }
    const [L, a, b] = sum.map((value, out) => curve(outputCurves, out, outputEntries, value)) as [number, number, number];
    // ICC v2 Lab encoding: L 0..100 over 0..0xFF00 (lut16) or 0..0xFF (lut8); a and b offset by 128.
    return wide
      ? { L: (L * 65535 * 100) / 65280, a: (a * 65535) / 256 - 128, b: (b * 65535) / 256 - 128 }
      : { L: L * 100, a: a * 255 - 128, b: b * 255 - 128 };
  };
}

/** CIELAB lightness of an sRGB colour (`#rrggbb`): what the eye reads as light or dark, whatever the hue. */
export function srgbLightness(hex: string): number {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const y = 0.2126729 * channel(1) + 0.7151522 * channel(3) + 0.072175 * channel(5);
  return y > 216 / 24389 ? 116 * Math.cbrt(y) - 16 : (24389 / 27) * y;
}

/** The black-only tint (K from 0 to 1) whose lightness on paper is `lightness`, found on the profile's K axis. */
export function blackOfLightness(lookup: (cmyk: Cmyk) => Lab, lightness: number): number {
  let light = 0;
  let dark = 1;
  if (lightness >= lookup([0, 0, 0, 0]).L) return 0;
  if (lightness <= lookup([0, 0, 0, 1]).L) return 1;
  for (let step = 0; step < 30; step++) {
    const middle = (light + dark) / 2;
    if (lookup([0, 0, 0, middle]).L > lightness) light = middle;
    else dark = middle;
  }
  return (light + dark) / 2;
}
