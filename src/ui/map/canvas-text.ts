/**
 * Names drawn with Canvas 2D, measured and placed the way Phaser's Text object does it (same font string, outline,
 * letter spacing and box), so the label layout keeps the sizes it had when every name was a Text object (each one
 * a canvas, a texture upload and a draw of its own).
 */

/** How a name looks. Sizes are in world pixels; the layer's transform scales them to the canvas. */
export interface NameStyle {
  /** CSS font-style and weight words, e.g. 'bold', 'italic', 'bold italic'. */
  fontStyle: string;
  px: number;
  family: string;
  colour: string;
  /** Outline colour and width; the outline is drawn under the fill, as Phaser does. */
  stroke?: string;
  strokeWidth?: number;
  /** Extra space after each letter. */
  letterSpacing?: number;
}

/** A name's box, as Phaser's Text reports width and height. */
export interface NameSize {
  w: number;
  h: number;
}

/**
 * Phaser's TextStyle#testString (its source spells it with these two characters): Text objects take their line height
 * from the ink of this string, so measuring with it gives the same heights.
 */
const TEST_STRING = '|M\u00c3\u2030qgy';

const fontOf = (s: NameStyle): string => `${s.fontStyle} ${s.px}px ${s.family}`.trim();

/** What measuring needs of a 2D context; scripts/build-map.ts passes one that answers with a browser's figures. */
export type TextMeasurer = Pick<CanvasRenderingContext2D, 'font' | 'measureText'>;

/** Measures names and draws them on 2D contexts; remembers each font's ascent and descent. */
export class NamePainter {
  private readonly metrics = new Map<string, { ascent: number; descent: number }>();

  /** Measures on a context of its own, whose font and transform nobody else changes. */
  constructor(private readonly ctx: TextMeasurer = document.createElement('canvas').getContext('2d')!) {}

  private use(style: NameStyle): { ascent: number; descent: number } {
    const font = fontOf(style);
    this.ctx.font = font;
    let m = this.metrics.get(font);
    if (!m) {
      const t = this.ctx.measureText(TEST_STRING);
      m = { ascent: t.actualBoundingBoxAscent, descent: t.actualBoundingBoxDescent };
      this.metrics.set(font, m);
    }
    return m;
  }

  /** Width the letters take, with letter spacing applied per letter as Phaser does. */
  private advance(text: string, spacing: number): number {
    if (spacing === 0) return this.ctx.measureText(text).width;
    let w = 0;
    for (const ch of text) w += this.ctx.measureText(ch).width;
    return w + (text.length > 1 ? spacing * (text.length - 1) : 0);
  }

  /** The box Phaser's Text would report for this text and style (GetTextSize: width rounded up, ink height). */
  measure(text: string, style: NameStyle): NameSize {
    const m = this.use(style);
    const stroke = style.strokeWidth ?? 0;
    return {
      w: Math.ceil(stroke + this.advance(text, style.letterSpacing ?? 0)),
      h: m.ascent + m.descent + stroke,
    };
  }

  /**
   * Draws a name on `ctx` (in its current transform) with its box's origin (a fraction of the box, as Phaser's
   * setOrigin) at x, y. Returns the box's height, for stacking a second line under it.
   */
  draw(
    ctx: CanvasRenderingContext2D,
    text: string,
    style: NameStyle,
    at: { x: number; y: number },
    origin: { x: number; y: number },
    alpha = 1,
  ): number {
    const { w, h } = this.measure(text, style);
    const stroke = style.strokeWidth ?? 0;
    const left = at.x - origin.x * w + stroke / 2;
    const baseline = at.y - origin.y * h + stroke / 2 + this.use(style).ascent;
    const spacing = style.letterSpacing ?? 0;
    ctx.save();
    ctx.font = fontOf(style);
    ctx.globalAlpha = alpha;
    ctx.textBaseline = 'alphabetic';
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.fillStyle = style.colour;
    const outline = style.stroke !== undefined && stroke > 0;
    if (outline) {
      ctx.strokeStyle = style.stroke!;
      ctx.lineWidth = stroke;
    }
    if (spacing === 0) {
      if (outline) ctx.strokeText(text, left, baseline);
      ctx.fillText(text, left, baseline);
    } else {
      let x = left;
      for (const ch of text) {
        if (outline) ctx.strokeText(ch, x, baseline);
        ctx.fillText(ch, x, baseline);
        x += this.ctx.measureText(ch).width + spacing;
      }
    }
    ctx.restore();
    return h;
  }
}
