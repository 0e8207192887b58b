/**
 * The zones of the page shown, drawn as SVG over the OpenSeadragon canvas, and the
 * tools that draw, move, reshape and select them. No Solid: the panel owns one layer
 * per viewer and tells it the surface, the highlighted (caret) zone and the selected
 * one; the layer reports what the editor did through its host.
 *
 * Zones are drawn in image pixels inside one group whose transform follows the
 * viewport (zoom, pan, rotation) on every frame OpenSeadragon draws; handles are drawn
 * in screen pixels so they keep their size. (Annotorious would do this, but its
 * OpenSeadragon layer renders with PixiJS, which compiles code with `new Function`:
 * the window's Content-Security-Policy forbids that, and rightly.)
 */
import OpenSeadragon from 'openseadragon';
import type { Point, Surface, Zone, ZoneInput } from '../../edition/facsimile/api.ts';
import { clampPoint, moved, outline, polygonThrough, rectangleBetween, reshaped } from './geometry.ts';

const SVG = 'http://www.w3.org/2000/svg';

export type ZoneTool = 'pan' | 'rect' | 'polygon';

export interface ZoneLayerHost {
  /** A zone was drawn. */
  create(zone: ZoneInput): void;
  /** A zone was moved or reshaped. */
  change(zone: ZoneInput): void;
  /** A zone was clicked (null: the image outside any zone). */
  select(zoneId: string | null): void;
}

/** How far (screen px) a press may move and still count as a click. */
const CLICK_SLOP = 4;

function svg<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string> = {},
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

function pointsAttr(points: readonly Point[]): string {
  return points.map((p) => `${p[0]},${p[1]}`).join(' ');
}

type Drag =
  | { kind: 'move'; zone: Zone; start: Point; startScreen: Point; moved: boolean }
  | { kind: 'handle'; zone: Zone; index: number }
  | { kind: 'rect'; start: Point };

export class ZoneLayer {
  readonly svg: SVGSVGElement;
  private readonly zonesGroup: SVGGElement;
  private readonly handlesGroup: SVGGElement;
  private readonly draft: SVGPolylineElement;
  private surface: Surface | null = null;
  private highlighted: string | null = null;
  private selected: string | null = null;
  private tool: ZoneTool = 'pan';
  private drag: Drag | null = null;
  /** Points of a polygon being drawn. */
  private polygon: Point[] = [];
  private readonly elements = new Map<string, SVGPolygonElement>();
  private readonly onViewport = () => this.place();

  constructor(
    private readonly viewer: OpenSeadragon.Viewer,
    private readonly host: ZoneLayerHost,
  ) {
    this.svg = svg('svg', { class: 'zone-layer', 'data-tool': 'pan' });
    this.zonesGroup = svg('g', { class: 'zone-shapes' });
    this.draft = svg('polyline', { class: 'zone-draft' });
    this.zonesGroup.append(this.draft);
    this.handlesGroup = svg('g', { class: 'zone-handles' });
    this.svg.append(this.zonesGroup, this.handlesGroup);
    viewer.canvas.append(this.svg);
    viewer.addHandler('update-viewport', this.onViewport);
    viewer.addHandler('open', this.onViewport);
    viewer.addHandler('resize', this.onViewport);
    this.svg.addEventListener('pointerdown', (e) => this.pointerDown(e));
    this.svg.addEventListener('pointermove', (e) => this.pointerMove(e));
    this.svg.addEventListener('pointerup', (e) => this.pointerUp(e));
    this.svg.addEventListener('dblclick', (e) => {
      if (this.tool !== 'polygon') return;
      e.stopPropagation();
      this.finishPolygon();
    });
  }

  destroy(): void {
    this.viewer.removeHandler('update-viewport', this.onViewport);
    this.viewer.removeHandler('open', this.onViewport);
    this.viewer.removeHandler('resize', this.onViewport);
    this.svg.remove();
  }

  setSurface(surface: Surface | null): void {
    this.surface = surface;
    for (const el of this.elements.values()) el.remove();
    this.elements.clear();
    for (const zone of surface?.zones ?? []) {
      const el = svg('polygon', {
        class: `zone zone-${zone.kind}`,
        'data-zone-id': zone.id,
        points: pointsAttr(outline(zone)),
      });
      this.elements.set(zone.id, el);
      this.zonesGroup.insertBefore(el, this.draft);
    }
    this.mark();
    this.place();
  }

  /** The zone the caret's text is linked to (null: none). */
  setHighlighted(zoneId: string | null): void {
    if (zoneId === this.highlighted) return;
    this.elements.get(this.highlighted ?? '')?.classList.remove('highlighted');
    this.highlighted = zoneId;
    this.elements.get(zoneId ?? '')?.classList.add('highlighted');
  }

  setSelected(zoneId: string | null): void {
    this.selected = zoneId;
    this.mark();
    this.placeHandles();
  }

  setTool(tool: ZoneTool): void {
    this.tool = tool;
    this.polygon = [];
    this.drag = null;
    this.draft.setAttribute('points', '');
    this.svg.dataset['tool'] = tool;
    // Drawing takes the pointer from OpenSeadragon's pan and click-to-zoom.
    this.viewer.setMouseNavEnabled(tool === 'pan');
  }

  /** The polygon being drawn is closed (Enter, a double click); false when it has too few points. */
  finishPolygon(): boolean {
    const zone = polygonThrough(this.polygon);
    this.polygon = [];
    this.draft.setAttribute('points', '');
    if (zone) this.host.create(zone);
    return zone !== null;
  }

  private mark(): void {
    for (const [id, el] of this.elements) {
      el.classList.toggle('highlighted', id === this.highlighted);
      el.classList.toggle('selected', id === this.selected);
    }
  }

  private item(): OpenSeadragon.TiledImage | null {
    return this.viewer.world.getItemCount() > 0 ? this.viewer.world.getItemAt(0) : null;
  }

  /** Follows the viewport: image pixels to the canvas's pixels, rotation included. */
  private place(): void {
    const item = this.item();
    if (!item) return;
    const at = (x: number, y: number) => item.imageToViewerElementCoordinates(new OpenSeadragon.Point(x, y));
    const o = at(0, 0);
    const ex = at(1000, 0);
    const ey = at(0, 1000);
    const m = [(ex.x - o.x) / 1000, (ex.y - o.y) / 1000, (ey.x - o.x) / 1000, (ey.y - o.y) / 1000, o.x, o.y];
    this.zonesGroup.setAttribute('transform', `matrix(${m.join(' ')})`);
    this.placeHandles();
  }

  private placeHandles(): void {
    this.handlesGroup.replaceChildren();
    const zone = this.surface?.zones.find((z) => z.id === this.selected);
    const item = this.item();
    if (!zone || !item || this.tool !== 'pan') return;
    outline(zone).forEach((p, index) => {
      const s = item.imageToViewerElementCoordinates(new OpenSeadragon.Point(p[0], p[1]));
      const handle = svg('rect', {
        class: 'zone-handle',
        x: String(s.x - 5),
        y: String(s.y - 5),
        width: '10',
        height: '10',
        'data-handle': String(index),
      });
      this.handlesGroup.append(handle);
    });
  }

  /** Where a pointer event is, in the canvas's pixels and in image pixels (kept on the image). */
  private at(e: PointerEvent): { screen: Point; image: Point } | null {
    const item = this.item();
    if (!item || !this.surface?.image) return null;
    const box = this.viewer.element.getBoundingClientRect();
    const screen: Point = [e.clientX - box.left, e.clientY - box.top];
    const p = item.viewerElementToImageCoordinates(new OpenSeadragon.Point(screen[0], screen[1]));
    return { screen, image: clampPoint([p.x, p.y], this.surface.image.width, this.surface.image.height) };
  }

  private pointerDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    const at = this.at(e);
    if (!at) return;
    const target = e.target as Element;
    if (this.tool === 'rect') {
      this.drag = { kind: 'rect', start: at.image };
    } else if (this.tool === 'polygon') {
      this.polygon.push(at.image);
      this.draft.setAttribute('points', pointsAttr(this.polygon));
    } else {
      const handle = target.getAttribute('data-handle');
      const zoneId = target.getAttribute('data-zone-id');
      const zone = this.surface?.zones.find((z) => z.id === (handle !== null ? this.selected : zoneId));
      if (!zone) return; // the image itself: OpenSeadragon pans
      this.drag =
        handle !== null
          ? { kind: 'handle', zone, index: Number(handle) }
          : { kind: 'move', zone, start: at.image, startScreen: at.screen, moved: false };
    }
    e.stopPropagation();
    e.preventDefault();
    // The viewer keeps the keys (Enter closes a polygon, Delete removes the zone) though the press was taken.
    this.viewer.element.focus({ preventScroll: true });
    this.svg.setPointerCapture(e.pointerId);
  }

  private pointerMove(e: PointerEvent): void {
    const drag = this.drag;
    if (!drag) return;
    const at = this.at(e);
    if (!at) return;
    e.stopPropagation();
    let preview: Point[] | null = null;
    if (drag.kind === 'rect') {
      const zone = rectangleBetween(drag.start, at.image);
      preview = zone ? shapeOf(zone) : null;
    } else if (drag.kind === 'handle') {
      preview = shapeOf(reshaped(drag.zone, drag.index, at.image));
    } else {
      const far = Math.hypot(at.screen[0] - drag.startScreen[0], at.screen[1] - drag.startScreen[1]);
      if (far > CLICK_SLOP) drag.moved = true;
      if (drag.moved) {
        preview = shapeOf(moved(drag.zone, at.image[0] - drag.start[0], at.image[1] - drag.start[1]));
      }
    }
    if (preview) {
      const el = drag.kind === 'rect' ? this.draft : this.elements.get(drag.zone.id);
      el?.setAttribute('points', pointsAttr(drag.kind === 'rect' ? [...preview, preview[0]!] : preview));
    }
  }

  private pointerUp(e: PointerEvent): void {
    const drag = this.drag;
    this.drag = null;
    if (!drag) return;
    e.stopPropagation();
    const at = this.at(e);
    if (drag.kind === 'rect') {
      this.draft.setAttribute('points', '');
      const zone = at ? rectangleBetween(drag.start, at.image) : null;
      if (zone) this.host.create(zone);
    } else if (drag.kind === 'handle') {
      if (at) this.host.change(reshaped(drag.zone, drag.index, at.image));
    } else if (drag.moved && at) {
      this.host.change(moved(drag.zone, at.image[0] - drag.start[0], at.image[1] - drag.start[1]));
    } else {
      this.host.select(drag.zone.id);
    }
  }
}

function shapeOf(zone: ZoneInput): Point[] {
  return outline({ ...zone, points: zone.points ?? null });
}
