import { describe, expect, it } from 'vitest';
import { contentColourSpaces } from '../../src/pdf/content-colours.js';

describe('colour spaces of page content', () => {
  it('come from colour operators with their numbers, not from letters in text', () => {
    expect([...contentColourSpaces('q 0.2 0.25 0.23 rg BT /F1 9 Tf (a g b k) Tj ET Q\n')]).toEqual(['DeviceRGB']);
    expect([...contentColourSpaces('q 0 0 0 0.93 k 0.5 G 1 0 0 1 0 0 cm Q\n')].sort()).toEqual(['DeviceCMYK', 'DeviceGray']);
    expect([...contentColourSpaces('BT [(g) 120 (k)] TJ /GS1 gs ET\n')]).toEqual([]);
  });
});
